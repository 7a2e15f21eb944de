//go:build !windows

package service

import "github.com/pocketbase/pocketbase/core"

// Run runs start (the app's command line). Outside Windows a service manager or a terminal
// stops it with a signal, which PocketBase handles.
func Run(_ core.App, start func() error) error {
	return start()
}
