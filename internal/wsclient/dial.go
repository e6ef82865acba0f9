package wsclient

import (
	"net"

	"github.com/lxzan/gws"
)

// localDialer dials from a given local IP address.
func localDialer(ip string) func() (gws.Dialer, error) {
	return func() (gws.Dialer, error) {
		return &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}, nil
	}
}
