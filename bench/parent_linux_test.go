package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestTieToParent SIGKILLs a process that started a child with
// tieToParent, as a user may kill bench: the child is gone soon after.
func TestTieToParent(t *testing.T) {
	if os.Getenv("BENCH_TIE_HELPER") == "1" {
		child := exec.Command("sleep", "60")
		tieToParent(child)
		if err := child.Start(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(child.Process.Pid)
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	helper := exec.Command(os.Args[0], "-test.run=^TestTieToParent$")
	helper.Env = append(os.Environ(), "BENCH_TIE_HELPER=1")
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("helper: %v", err)
	}
	pid, err := strconv.Atoi(line[:len(line)-1])
	if err != nil {
		t.Fatalf("helper said %q", line)
	}
	if err := helper.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the child %d outlived its SIGKILLed parent by 10 s", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
