package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// procKiB reads a "Name:   123 kB" line of a /proc text file, in bytes.
func procKiB(text []byte, name string) (uint64, error) {
	sc := bufio.NewScanner(bytes.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name) {
			continue
		}
		f := strings.Fields(strings.TrimPrefix(line, name))
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("%s line %q is not in kB", name, line)
		}
		n, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s line %q: %w", name, line, err)
		}
		return n * 1024, nil
	}
	return 0, fmt.Errorf("no %s line", name)
}

// procStatus is the text of /proc/PID/status.
func procStatus(pid int) ([]byte, error) {
	return os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
}

// residentBytes is a process's resident memory (VmRSS).
func residentBytes(pid int) (uint64, error) {
	b, err := procStatus(pid)
	if err != nil {
		return 0, fmt.Errorf("memory of process %d: %w", pid, err)
	}
	return procKiB(b, "VmRSS:")
}

// peakResidentBytes is a process's peak resident memory since it
// started (VmHWM).
func peakResidentBytes(pid int) (uint64, error) {
	b, err := procStatus(pid)
	if err != nil {
		return 0, fmt.Errorf("memory of process %d: %w", pid, err)
	}
	return procKiB(b, "VmHWM:")
}

// kernelTCPBytes is the memory the kernel's TCP sockets hold, all
// processes' (the "mem" pages of /proc/net/sockstat's TCP line): on a
// loopback run, mostly what the node has queued for clients that do not
// read.
func kernelTCPBytes() (uint64, error) {
	b, err := os.ReadFile("/proc/net/sockstat")
	if err != nil {
		return 0, fmt.Errorf("kernel TCP memory: %w", err)
	}
	return parseSockstatTCP(b, uint64(os.Getpagesize()))
}

// parseSockstatTCP reads the TCP line's mem pages of a sockstat text, in
// bytes.
func parseSockstatTCP(text []byte, pageSize uint64) (uint64, error) {
	sc := bufio.NewScanner(bytes.NewReader(text))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || f[0] != "TCP:" {
			continue
		}
		for i := 1; i+1 < len(f); i += 2 {
			if f[i] == "mem" {
				n, err := strconv.ParseUint(f[i+1], 10, 64)
				if err != nil {
					return 0, fmt.Errorf("sockstat TCP mem %q: %w", f[i+1], err)
				}
				return n * pageSize, nil
			}
		}
	}
	return 0, fmt.Errorf("no TCP mem in sockstat")
}

// userHZ is the unit of /proc/PID/stat's CPU times: USER_HZ, which Linux
// fixes at 100 on every architecture Go supports.
const userHZ = 100

// cpuSeconds is the user plus system CPU time a process has used, from
// /proc/PID/stat.
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("CPU time of process %d: %w", pid, err)
	}
	return parseStatCPU(b)
}

// parseStatCPU reads utime and stime (fields 14 and 15) of a
// /proc/PID/stat line. The command name, field 2, is in parentheses and
// may hold spaces, so fields are counted after its closing parenthesis.
func parseStatCPU(stat []byte) (float64, error) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("stat line without a command name: %q", stat)
	}
	f := strings.Fields(string(stat[i+1:]))
	// f[0] is field 3 (state), so field n is f[n-3].
	if len(f) < 13 {
		return 0, fmt.Errorf("stat line too short: %q", stat)
	}
	ut, err1 := strconv.ParseUint(f[11], 10, 64)
	st, err2 := strconv.ParseUint(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("stat line: bad utime or stime: %q", stat)
	}
	return float64(ut+st) / userHZ, nil
}

// copyTail keeps the last bytes written to it, for the error message of
// a subprocess that failed.
type copyTail struct {
	buf []byte
	max int
}

func (t *copyTail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *copyTail) String() string { return string(t.buf) }

var _ io.Writer = (*copyTail)(nil)

// ownCPUSeconds is the user plus system CPU time of the bench process.
func ownCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time2s(ru.Utime) + time2s(ru.Stime)
}

func time2s(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
