//go:build windows

package service

import (
	"context"
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/eventlog"
)

// stopWait is how long a stop waits for requests in flight; the SCM is told to expect it.
const stopWait = 15 * time.Second

// Run runs start (the app's command line). Started by the Service Control Manager, it answers
// the SCM's control protocol, which the SCM otherwise takes for a hung start and kills the
// process after 30 s: it reports Running, and on Stop or a Windows shutdown stops `serve`
// cleanly. A failure goes to the Windows event log (source Anubhav) and the service's exit code,
// since a service has no console.
func Run(app core.App, start func() error) error {
	isService, err := svc.IsWindowsService()
	if err != nil || !isService { // unsure: run as from a console, as before
		return start()
	}
	h := &handler{start: start, stopper: watch(app)}
	if err := svc.Run(Name, h); err != nil {
		return err
	}
	return h.err
}

type handler struct {
	start   func() error
	stopper *stopper
	err     error
}

func (h *handler) Execute(_ []string, requests <-chan svc.ChangeRequest, status chan<- svc.Status) (bool, uint32) {
	status <- svc.Status{State: svc.StartPending}
	done := make(chan error, 1)
	go func() { done <- h.start() }()
	status <- svc.Status{State: svc.Running, Accepts: svc.AcceptStop | svc.AcceptShutdown}
	for {
		select {
		case err := <-done:
			if err == nil || errors.Is(err, errStopped) {
				return false, 0
			}
			h.err = err
			if l, lerr := eventlog.Open(Name); lerr == nil {
				_ = l.Error(1, err.Error())
				_ = l.Close()
			}
			return true, 1
		case r := <-requests:
			switch r.Cmd {
			case svc.Interrogate:
				status <- r.CurrentStatus
			case svc.Stop, svc.Shutdown:
				status <- svc.Status{State: svc.StopPending, WaitHint: uint32(stopWait / time.Millisecond)}
				// in the background: the loop keeps answering the SCM until serve has returned
				go func() {
					ctx, cancel := context.WithTimeout(context.Background(), stopWait)
					defer cancel()
					h.stopper.stop(ctx)
				}()
			}
		}
	}
}
