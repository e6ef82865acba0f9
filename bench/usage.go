package main

import (
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
}

// usageMeter measures a phase from its start.
type usageMeter struct {
	pid       int
	start     time.Time
	nodeCPU   float64
	clientCPU float64
	nodeOK    bool
}

// startUsage starts measuring; pid is the node's process (0: unknown).
func startUsage(pid int) *usageMeter {
	m := &usageMeter{pid: pid, start: time.Now(), clientCPU: ownCPUSeconds()}
	if pid > 0 {
		if c, err := cpuSeconds(pid); err == nil {
			m.nodeCPU, m.nodeOK = c, true
		}
	}
	return m
}

// stop ends the measurement.
func (m *usageMeter) stop() Usage {
	u := Usage{WallSeconds: time.Since(m.start).Seconds()}
	if m.nodeOK {
		if c, err := cpuSeconds(m.pid); err == nil {
			u.NodeCPUSeconds = c - m.nodeCPU
		}
		if rss, err := residentBytes(m.pid); err == nil {
			u.NodeRSSBytes = rss
		}
	}
	if m.pid != os.Getpid() {
		u.ClientCPUSeconds = ownCPUSeconds() - m.clientCPU
	}
	return u
}

// rows are the usage lines of a report table.
func (u Usage) rows() []row {
	var out []row
	if u.NodeCPUSeconds > 0 && u.WallSeconds > 0 {
		out = append(out, row{"node CPU (of one core)", formatRatio(u.NodeCPUSeconds / u.WallSeconds)})
	}
	if u.ClientCPUSeconds > 0 && u.WallSeconds > 0 {
		out = append(out, row{"client CPU (of one core)", formatRatio(u.ClientCPUSeconds / u.WallSeconds)})
	}
	if u.NodeRSSBytes > 0 {
		out = append(out, row{"node resident memory", formatBytes(u.NodeRSSBytes)})
	}
	return out
}
