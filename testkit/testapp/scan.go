package testapp

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/logger"
)

// FlushLogs writes the logger's queued batch into _logs now (the app itself does so every
// few seconds). The request logger queues a request's line after its response, so a test
// may need to flush more than once.
func FlushLogs(t testing.TB, app core.App) {
	t.Helper()
	handler, ok := app.Logger().Handler().(*logger.BatchHandler)
	if !ok {
		t.Fatalf("the app logs through a %T, not PocketBase's batch handler", app.Logger().Handler())
	}
	if err := handler.WriteAll(context.WithValue(context.Background(), logger.BlockKey, true)); err != nil {
		t.Fatal(err)
	}
}

// FilesHolding reads every file of the app's data dir (the databases, their write-ahead
// logs, storage, backups) and returns those that contain any of the needles, and how many
// files it read.
func FilesHolding(t testing.TB, app core.App, needles ...string) (holding []string, read int) {
	t.Helper()
	err := filepath.WalkDir(app.DataDir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		read++
		for _, n := range needles {
			if bytes.Contains(raw, []byte(n)) {
				holding = append(holding, path+" holds "+n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return holding, read
}
