// Package pgtest runs a throwaway PostgreSQL server for the tests and the
// bench: initdb in a fresh directory, the server on a unix socket in that
// directory only (no TCP listener), databases and roles made on demand,
// and everything removed by Remove.
//
// The binaries are found in $SQLEDGER_PG_BIN (.ci/run exports it), else
// in the newest /usr/lib/postgresql/*/bin (Debian's layout), else on
// PATH. initdb and the server refuse to run as root; run as root, the
// package runs them as the "postgres" user (which Debian's package
// creates) and hands it the directory.
package pgtest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Superuser is the bootstrap superuser's name in every server.
const Superuser = "sqledger_admin"

// port names the socket file (.s.PGSQL.<port>): it is in the server's
// own directory, so it cannot clash with another server.
const port = 5432

// Options configure a server.
type Options struct {
	// Durable keeps PostgreSQL's default fsync and synchronous_commit;
	// without it the server skips fsync (tests: the server itself is
	// never crashed, only stopped or its clients killed).
	Durable bool
}

// Server is a running (or stopped) throwaway server.
type Server struct {
	// Dir holds the data directory (data/) and the socket.
	Dir  string
	bin  string
	cred *syscall.Credential
}

// Bin returns the directory of the PostgreSQL binaries.
func Bin() (string, error) {
	if d := os.Getenv("SQLEDGER_PG_BIN"); d != "" {
		return d, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	slices.SortFunc(found, func(a, b string) int { return versionOf(b) - versionOf(a) })
	if len(found) > 0 {
		return filepath.Dir(found[0]), nil
	}
	p, err := exec.LookPath("initdb")
	if err != nil {
		return "", errors.New("pgtest: no PostgreSQL binaries: install Debian's postgresql package or set SQLEDGER_PG_BIN")
	}
	return filepath.Dir(p), nil
}

// versionOf reads the major version from /usr/lib/postgresql/<v>/bin/initdb.
func versionOf(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

// Start creates a cluster in a new temporary directory and starts it.
func Start(opts Options) (*Server, error) {
	bin, err := Bin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "sqledger-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{Dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, errors.Join(fmt.Errorf("pgtest: running as root needs the postgres user: %w", err), os.RemoveAll(dir))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, errors.Join(fmt.Errorf("pgtest: %w", err), os.RemoveAll(dir))
		}
	}
	if err := s.run("initdb", "-D", s.data(), "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return nil, errors.Join(err, os.RemoveAll(dir))
	}
	conf := "listen_addresses = ''\nunix_socket_directories = '" + dir + "'\nport = " + strconv.Itoa(port) +
		"\nmax_connections = 100\nshared_buffers = 32MB\n"
	if !opts.Durable {
		conf += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
	}
	f, err := os.OpenFile(filepath.Join(s.data(), "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(conf)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("pgtest: configure: %w", err), os.RemoveAll(dir))
	}
	if err := s.Resume(); err != nil {
		return nil, errors.Join(err, os.RemoveAll(dir))
	}
	return s, nil
}

func (s *Server) data() string { return filepath.Join(s.Dir, "data") }

// run runs one of the binaries as the server's user.
func (s *Server) run(name string, args ...string) error {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.Dir
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgtest: %s: %w\n%s", name, err, out.String())
	}
	return nil
}

// Resume starts the server (again, after Stop) and waits until it
// accepts connections.
func (s *Server) Resume() error {
	return s.run("pg_ctl", "start", "-w", "-t", "60", "-D", s.data(), "-l", filepath.Join(s.Dir, "server.log"))
}

// Stop stops the server (fast shutdown: connections are cut, nothing
// committed is lost).
func (s *Server) Stop() error {
	return s.run("pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", s.data())
}

// Remove stops the server if it runs and deletes its directory.
func (s *Server) Remove() error {
	var err error
	if _, serr := os.Stat(filepath.Join(s.data(), "postmaster.pid")); serr == nil {
		err = s.Stop()
	}
	return errors.Join(err, os.RemoveAll(s.Dir))
}

// DSN returns a key=value connection string for database db as role.
func (s *Server) DSN(role, db string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", s.Dir, port, role, db)
}

// Exec runs statements in database db as the superuser, each on its
// own (CREATE DATABASE cannot run in a transaction).
func (s *Server) Exec(db string, stmts ...string) error {
	cfg, err := pgx.ParseConfig(s.DSN(Superuser, db))
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	h := stdlib.OpenDB(*cfg)
	defer h.Close()
	for _, q := range stmts {
		if _, err := h.Exec(q); err != nil {
			return fmt.Errorf("pgtest: %s: %w", q, err)
		}
	}
	return nil
}

// NewDatabase creates database name owned by a new login role of the
// same name (no superuser, no other rights), and returns that role's
// DSN: what a node's [sql] dsn names.
func (s *Server) NewDatabase(name string) (string, error) {
	if err := s.Exec("postgres",
		"CREATE ROLE "+name+" LOGIN",
		"CREATE DATABASE "+name+" OWNER "+name+" TEMPLATE template0"); err != nil {
		return "", err
	}
	return s.DSN(name, name), nil
}
