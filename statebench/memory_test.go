package statebench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/testkit/bulkdata"
	"anubhav/testkit/procmem"
	"anubhav/testkit/sidebyside"
)

// binaryEnv names the built binary that BenchmarkMemory (and BenchmarkBackup's restart) run:
// built by hand, outside the temp dir, so that a benchmark never builds one behind the
// reader's back (docs/PERFORMANCE.md has the command).
const binaryEnv = "ANUBHAV_BENCH_BINARY"

// The busy phase's load: citizens posting, and officers reading inboxes and dashboards.
const (
	busyFor             = 30 * time.Second
	submitters, readers = 16, 4
	sampleEvery         = 250 * time.Millisecond
	healthyWithin       = 5 * time.Minute // a state's first start may read gigabytes
	idleAfterFirstLoads = 3 * time.Second
)

// BenchmarkMemory runs the built binary's `serve` on a clone of the data set and reads its
// resident memory from /proc/PID/status: idle (VmRSS 3 s after the first pages have loaded:
// the landing page, a form, the console, an inbox and a dashboard), and busy (the highest VmRSS
// sampled every 250 ms while 16 clients post submissions and 4 read inboxes and dashboards as
// the district, range, sub-division and station officers, for 30 s), with VmHWM (the peak
// since start) after each. PocketBase's rate limiter is turned off in the clone's settings: the
// load comes from one address, which it would refuse. It also reports the rates the load ran
// at and the write-ahead log's size afterwards.
func BenchmarkMemory(b *testing.B) {
	bin := os.Getenv(binaryEnv)
	if bin == "" {
		b.Skipf("set %s to a built binary (go build -o ~/anubhav-bench/anubhav .)", binaryEnv)
	}
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc")
	}
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	app.Settings().RateLimits.Enabled = false
	if err := app.Save(app.Settings()); err != nil {
		b.Fatal(err)
	}
	srv := start(b, bin, app.DataDir())
	b.Cleanup(srv.stop)
	reads := officerReads(b, srv.base, ds)
	for _, path := range []string{"/", "/s/" + ds.StationCodes[0], "/console/"} {
		srv.get(b, path, "")
	}
	srv.get(b, reads[0].path, reads[0].token)
	srv.get(b, reads[1].path, reads[1].token)
	time.Sleep(idleAfterFirstLoads)
	idleRSS, idleHWM := procmem.Of(b, srv.pid())

	var busyRSS, busyHWM float64
	var posted, read int64
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), busyFor)
		var wg sync.WaitGroup
		for c := range submitters {
			wg.Go(func() {
				for i := c; ctx.Err() == nil; i += submitters {
					srv.submit(b, app, ds.StationCodes[i%len(ds.StationCodes)], i)
					atomic.AddInt64(&posted, 1)
				}
			})
		}
		for c := range readers {
			wg.Go(func() {
				for i := c; ctx.Err() == nil; i++ {
					r := reads[i%len(reads)]
					srv.get(b, r.path, r.token)
					atomic.AddInt64(&read, 1)
				}
			})
		}
		for ctx.Err() == nil {
			rss, _ := procmem.Of(b, srv.pid())
			busyRSS = max(busyRSS, rss)
			time.Sleep(sampleEvery)
		}
		wg.Wait()
		cancel()
		_, busyHWM = procmem.Of(b, srv.pid())
	}
	wal := folderSizes(b, app.DataDir())["data.db-wal"]
	b.ReportMetric(idleRSS, "idle-rss-MB")
	b.ReportMetric(idleHWM, "idle-hwm-MB")
	b.ReportMetric(busyRSS, "busy-rss-MB")
	b.ReportMetric(busyHWM, "busy-hwm-MB")
	b.ReportMetric(float64(posted)/busyFor.Seconds()/float64(b.N), "posts/s")
	b.ReportMetric(float64(read)/busyFor.Seconds()/float64(b.N), "reads/s")
	b.ReportMetric(float64(wal)/(1<<20), "wal-MB")
}

// server is the built binary serving a data folder.
type server struct {
	base   string
	cmd    *exec.Cmd
	cancel context.CancelFunc
	client *http.Client
}

// start runs `serve` on dir and waits until /api/health answers.
func start(tb testing.TB, bin, dir string) *server {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--dir", dir, "--http", addr)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) } // a graceful stop
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &logs
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatal(err)
	}
	s := &server{base: "http://" + addr, cmd: cmd, cancel: cancel,
		client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: submitters + readers}}}
	for deadline := time.Now().Add(healthyWithin); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := s.client.Get(s.base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
	}
	s.stop()
	tb.Fatalf("%s did not become healthy within %v; the server said:\n%s", s.base, healthyWithin, logs.String())
	return nil
}

func (s *server) pid() int { return s.cmd.Process.Pid }

func (s *server) stop() {
	s.cancel()
	_ = s.cmd.Wait() // stopped by us: its exit status says nothing
}

// get reads a page or an API answer, as an officer when a token is given.
func (s *server) get(tb testing.TB, path, token string) {
	req, _ := http.NewRequest(http.MethodGet, s.base+path, nil)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	s.do(tb, req)
}

// submit posts one experience item to a station, as sidebyside.Post writes it.
func (s *server) submit(tb testing.TB, app core.App, station string, i int) {
	req, _ := http.NewRequest(http.MethodPost, s.base+"/api/feedback", bytes.NewReader(sidebyside.Post(app, station, i)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", fmt.Sprintf("Mozilla/5.0 (Linux; Android 10; phone %d)", i%submitters))
	s.do(tb, req)
}

// do sends a request and fails the benchmark on any answer but 200.
func (s *server) do(tb testing.TB, req *http.Request) {
	res, err := s.client.Do(req)
	if err != nil {
		tb.Error(err)
		return
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		tb.Errorf("%s %s: %d %.300s", req.Method, req.URL.Path, res.StatusCode, body)
	}
}

type read struct{ path, token string }

// officerReads logs in the data set's officers and lists what the busy phase reads as each:
// its inbox and its dashboard.
func officerReads(tb testing.TB, base string, ds *bulkdata.Dataset) []read {
	var reads []read
	for _, role := range []string{schema.RoleDistrict, schema.RoleRange, schema.RoleSubdivision, schema.RoleStation} {
		raw, _ := json.Marshal(map[string]string{"identity": ds.Officers[role], "password": bulkdata.Password})
		res, err := http.Post(base+"/api/collections/officers/auth-with-password", "application/json", bytes.NewReader(raw))
		if err != nil {
			tb.Fatal(err)
		}
		var auth struct{ Token string }
		err = json.NewDecoder(res.Body).Decode(&auth)
		res.Body.Close()
		if err != nil || auth.Token == "" {
			tb.Fatalf("%s officer's login: %d %v", role, res.StatusCode, err)
		}
		reads = append(reads, read{"/api/console/items", auth.Token}, read{"/api/console/dashboard", auth.Token})
	}
	return reads
}
