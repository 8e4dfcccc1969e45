package storetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
)

// pgBin is where Debian's PostgreSQL 15 lives (scripts/pg.sh installs it).
const pgBin = "/usr/lib/postgresql/15/bin"

// Cluster is a Postgres server of one test's own, in a temporary directory
// on a free port, for tests that stop and restart the database under the
// application. It is stopped and removed at cleanup.
type Cluster struct {
	t    testing.TB
	dir  string // the data directory
	port int
	run  string // the socket directory
}

// StartCluster initializes and starts a cluster with trust authentication
// on 127.0.0.1 and a database "triage". It skips the test when PostgreSQL
// is not installed or the test cannot run it as user postgres (not root).
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	if _, err := os.Stat(filepath.Join(pgBin, "postgres")); err != nil {
		t.Skipf("storetest: PostgreSQL 15 is not installed in %s (run scripts/pg.sh install)", pgBin)
	}
	if os.Geteuid() != 0 {
		t.Skip("storetest: a cluster of the test's own runs as user postgres, which needs root")
	}
	pg, err := user.Lookup("postgres")
	if err != nil {
		t.Skipf("storetest: no postgres user: %v", err)
	}
	uid, _ := strconv.Atoi(pg.Uid)
	gid, _ := strconv.Atoi(pg.Gid)
	base := t.TempDir()
	// The temporary directories are root's, mode 700: postgres must get through them.
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	c := &Cluster{t: t, dir: filepath.Join(base, "pg"), run: filepath.Join(base, "run"), port: freePort(t)}
	for _, d := range []string{c.dir, c.run} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(d, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	c.pg("initdb", "-D", c.dir, "-U", "postgres", "-E", "UTF8", "--locale=C", "--auth=trust", "--no-instructions")
	conf := fmt.Sprintf("\nport = %d\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nfsync = off\n", c.port, c.run)
	f, err := os.OpenFile(filepath.Join(c.dir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(conf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c.Start()
	t.Cleanup(func() {
		// Already stopped by the test is fine: "immediate" ends any leftover.
		exec.Command("runuser", "-u", "postgres", "--", filepath.Join(pgBin, "pg_ctl"), "-D", c.dir, "-m", "immediate", "-w", "stop").Run()
	})
	c.pg("psql", "-X", "-q", "-h", c.run, "-p", strconv.Itoa(c.port), "-U", "postgres", "-d", "postgres",
		"-c", "CREATE DATABASE triage")
	return c
}

// URL is the database's URL.
func (c *Cluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/triage?sslmode=disable", c.port)
}

// Start starts the stopped cluster and waits until it accepts connections.
func (c *Cluster) Start() {
	c.t.Helper()
	c.pg("pg_ctl", "-D", c.dir, "-l", filepath.Join(c.dir, "server.log"), "-w", "-t", "60", "start")
}

// Stop shuts the cluster down in fast mode: sessions are ended, and every
// open transaction is rolled back.
func (c *Cluster) Stop() {
	c.t.Helper()
	c.pg("pg_ctl", "-D", c.dir, "-m", "fast", "-w", "-t", "60", "stop")
}

// pg runs a PostgreSQL program as user postgres and fails the test on error.
func (c *Cluster) pg(prog string, args ...string) {
	c.t.Helper()
	cmd := exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(pgBin, prog)}, args...)...)
	cmd.Dir = "/"
	if out, err := cmd.CombinedOutput(); err != nil {
		c.t.Fatalf("storetest: %s: %v\n%s", prog, err, out)
	}
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
