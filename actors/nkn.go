package actors

import "github.com/sqledger/sqledger/gateway"

// nkn answers an NKN-dialect request. The dialect's actions come with
// the NKN issue; until then every action is unknown (42001).
func (n *Node) nkn(s *sessionActor, req *gateway.Request) {
	s.conn.Reply(gateway.NKNReply("", req.ID, 42001, ""))
}
