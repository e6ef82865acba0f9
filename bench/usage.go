package main

import (
	"fmt"
	"os"
	"time"
)

// Usage is the CPU and memory a timed phase cost the node and the
// client. With an in-process node the two are one process: the client
// figures are then zero and the node's include the client.
type Usage struct {
	WallSeconds      float64 `json:"wall_seconds"`
	NodeCPUSeconds   float64 `json:"node_cpu_seconds,omitempty"`
	ClientCPUSeconds float64 `json:"client_cpu_seconds,omitempty"`
	// NodeRSSBytes is the node's resident memory at the end of the phase.
	NodeRSSBytes uint64 `json:"node_rss_bytes,omitempty"`
	// NodePeakRSSBytes is the node's peak resident memory since it
	// started (VmHWM).
	NodePeakRSSBytes uint64 `json:"node_peak_rss_bytes,omitempty"`
	// Nodes are each node's figures on a network (--network); the Node
	// fields above are then their sums.
	Nodes []NodeUsage `json:"nodes,omitempty"`
}

// NodeUsage is one node's CPU time and resident memory of a phase.
type NodeUsage struct {
	Name       string  `json:"name"`
	CPUSeconds float64 `json:"cpu_seconds"`
	RSSBytes   uint64  `json:"rss_bytes"`
}

// usageMeter measures a phase from its start.
type usageMeter struct {
	pids      []int
	perNode   bool
	start     time.Time
	nodeCPU   []float64
	nodeOK    []bool
	clientCPU float64
}

// startUsage starts measuring; pid is the node's process (0: unknown).
func startUsage(pid int) *usageMeter { return startUsageOf([]int{pid}, false) }

// startTargetUsage measures the target's node, or each node of its
// network.
func startTargetUsage(tg *target) *usageMeter {
	return startUsageOf(tg.nodePIDs(), len(tg.pids) > 0)
}

// startUsageOf starts measuring the processes pids (0: unknown);
// perNode keeps each one's figures.
func startUsageOf(pids []int, perNode bool) *usageMeter {
	m := &usageMeter{pids: pids, perNode: perNode, start: time.Now(), clientCPU: ownCPUSeconds(),
		nodeCPU: make([]float64, len(pids)), nodeOK: make([]bool, len(pids))}
	for i, pid := range pids {
		if pid > 0 {
			if c, err := cpuSeconds(pid); err == nil {
				m.nodeCPU[i], m.nodeOK[i] = c, true
			}
		}
	}
	return m
}

// stop ends the measurement.
func (m *usageMeter) stop() Usage {
	u := Usage{WallSeconds: time.Since(m.start).Seconds()}
	own := false
	for i, pid := range m.pids {
		own = own || pid == os.Getpid()
		if !m.nodeOK[i] {
			continue
		}
		n := NodeUsage{Name: fmt.Sprintf("node%d", i)}
		if c, err := cpuSeconds(pid); err == nil {
			n.CPUSeconds = c - m.nodeCPU[i]
		}
		if rss, err := residentBytes(pid); err == nil {
			n.RSSBytes = rss
		}
		if peak, err := peakResidentBytes(pid); err == nil {
			u.NodePeakRSSBytes += peak
		}
		u.NodeCPUSeconds += n.CPUSeconds
		u.NodeRSSBytes += n.RSSBytes
		if m.perNode {
			u.Nodes = append(u.Nodes, n)
		}
	}
	if !own {
		u.ClientCPUSeconds = ownCPUSeconds() - m.clientCPU
	}
	return u
}

// rows are the usage lines of a report table.
func (u Usage) rows() []row {
	var out []row
	if len(u.Nodes) > 0 && u.WallSeconds > 0 {
		for _, n := range u.Nodes {
			out = append(out, row{n.Name + " CPU (of one core) / resident memory",
				formatRatio(n.CPUSeconds/u.WallSeconds) + " / " + formatBytes(n.RSSBytes)})
		}
		out = append(out, row{"all nodes CPU (of one core) / resident memory",
			formatRatio(u.NodeCPUSeconds/u.WallSeconds) + " / " + formatBytes(u.NodeRSSBytes)})
		if u.ClientCPUSeconds > 0 {
			out = append(out, row{"client CPU (of one core)", formatRatio(u.ClientCPUSeconds / u.WallSeconds)})
		}
		return out
	}
	if u.NodeCPUSeconds > 0 && u.WallSeconds > 0 {
		out = append(out, row{"node CPU (of one core)", formatRatio(u.NodeCPUSeconds / u.WallSeconds)})
	}
	if u.ClientCPUSeconds > 0 && u.WallSeconds > 0 {
		out = append(out, row{"client CPU (of one core)", formatRatio(u.ClientCPUSeconds / u.WallSeconds)})
	}
	if u.NodeRSSBytes > 0 {
		out = append(out, row{"node resident memory: at the end / peak", formatBytes(u.NodeRSSBytes) + " / " + formatBytes(u.NodePeakRSSBytes)})
	}
	return out
}
