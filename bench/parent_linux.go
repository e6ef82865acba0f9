package main

import (
	"os/exec"
	"syscall"
)

// tieToParent makes the kernel send the node bench starts SIGTERM when
// bench itself dies, even by SIGKILL, so that no node outlives a run.
// (Linux sends it when the OS thread that started the child exits; Go
// ends a thread only when a goroutine locked to it returns still locked,
// which bench never does, so that is bench's exit.)
func tieToParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
