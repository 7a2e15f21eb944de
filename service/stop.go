// Package service runs `anubhav serve` under the operating system's service manager: on
// Windows it answers the Service Control Manager (service_windows.go); on Linux systemd stops
// it with a signal, which PocketBase handles itself (deploy/anubhav.service).
package service

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// Name is the Windows service's name, as `sc.exe create` gives it in the README.
const Name = "Anubhav"

// errStopped ends a `serve` that was asked to stop before it listened.
var errStopped = errors.New("stopped by the service manager before serving")

// stopper ends `serve` as Ctrl+C does, for a service manager that cannot send a signal
// (Windows' SCM): shutting the web server down makes PocketBase's serve return, and the app
// then runs its terminate hooks (scheduler, database) as on a signal. Portable, so that the
// Linux tests prove it.
type stopper struct {
	mu      sync.Mutex
	server  *http.Server
	stopped bool
}

func watch(app core.App) *stopper {
	s := &stopper{}
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		s.mu.Lock()
		s.server = e.Server
		stopped := s.stopped
		s.mu.Unlock()
		if stopped {
			return errStopped
		}
		return e.Next()
	})
	return s
}

// stop shuts the server down, waiting for requests in flight until ctx ends; a server not yet
// listening never starts (a server shut down before it serves refuses to).
func (s *stopper) stop(ctx context.Context) {
	s.mu.Lock()
	s.stopped = true
	server := s.server
	s.mu.Unlock()
	if server != nil {
		_ = server.Shutdown(ctx) // past ctx, PocketBase's own terminate hook closes what is left
	}
}
