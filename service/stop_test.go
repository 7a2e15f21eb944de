package service

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
)

// What the Windows service does on Stop, proved here with a real PocketBase `serve`: the
// server stops listening, serve returns without error, and the app's terminate hooks run (the
// scheduler's and the database's), as on Ctrl+C.
func TestStopEndsServeCleanly(t *testing.T) {
	app, addr, terminated := serveApp(t)
	s := watch(app)
	done := make(chan error, 1)
	go func() { done <- app.Start() }()

	deadline := time.Now().Add(30 * time.Second)
	for !answers(addr) {
		if time.Now().After(deadline) {
			t.Fatal("serve did not answer within 30 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.stop(context.Background())
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve ended with %v, want a clean stop", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve still running 10 s after stop")
	}
	if !*terminated {
		t.Error("the app's terminate hooks did not run")
	}
	if answers(addr) {
		t.Error("the server still answers after stop")
	}
}

// A stop that comes while the app is still starting (migrations on a large database) keeps
// serve from ever listening, and counts as a clean stop.
func TestStopBeforeServing(t *testing.T) {
	app, addr, terminated := serveApp(t)
	s := watch(app)
	s.stop(context.Background())
	err := app.Start()
	if !errors.Is(err, errStopped) {
		t.Fatalf("serve ended with %v, want errStopped", err)
	}
	if !*terminated {
		t.Error("the app's terminate hooks did not run")
	}
	if answers(addr) {
		t.Error("a server stopped before it started answers")
	}
}

func serveApp(t *testing.T) (*pocketbase.PocketBase, string, *bool) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir(), HideStartBanner: true})
	app.RootCmd.SetArgs([]string{"serve", "--http", addr})
	terminated := new(bool)
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		*terminated = true
		return e.Next()
	})
	return app, addr, terminated
}

func answers(addr string) bool {
	res, err := http.Get("http://" + addr + "/api/health")
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}
