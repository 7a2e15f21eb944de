package replicate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"
)

// Replica describes what a replica holds.
type Replica struct {
	Where string
	// Oldest and Newest bound the times a restore can go back to.
	Oldest, Newest time.Time
	// TXID is the replica's last transaction; Staged the last one the data folder has
	// prepared for it (0 when it has none, e.g. on a new machine).
	TXID, Staged ltx.TXID
}

// Inspect reads what the replica holds, and how far the database in dataDir has staged.
func Inspect(ctx context.Context, cfg *Config, dataDir string) (Replica, error) {
	r, err := open(ctx, cfg)
	if err != nil {
		return Replica{}, err
	}
	info := Replica{Where: cfg.String()}
	if info.Oldest, info.Newest, err = r.TimeBounds(ctx); err != nil {
		return info, fmt.Errorf("reading the replica %s: %w", cfg, err)
	}
	for level := 0; level <= litestream.SnapshotLevel; level++ {
		last, err := r.MaxLTXFileInfo(ctx, level)
		if err != nil {
			return info, fmt.Errorf("reading the replica %s: %w", cfg, err)
		}
		info.TXID = max(info.TXID, last.MaxTXID)
	}
	_, info.Staged, err = litestream.NewDB(filepath.Join(dataDir, DBFile)).MaxLTX()
	return info, err
}

// Restore writes the database as it was at the given time (zero: the newest the replica
// holds) into dir, a new data folder: dir must be missing or empty. It returns the time the
// restored database is from.
func Restore(ctx context.Context, cfg *Config, dir string, at time.Time) (time.Time, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return time.Time{}, fmt.Errorf("%s is not empty: restore into a new folder, never over a data folder", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return time.Time{}, err
	}
	r, err := open(ctx, cfg)
	if err != nil {
		return time.Time{}, err
	}
	opt := litestream.NewRestoreOptions()
	opt.Timestamp = at
	newest, err := r.CalcRestoreTarget(ctx, opt)
	if err != nil {
		return time.Time{}, fmt.Errorf("the replica %s: %w", cfg, err)
	}
	if newest.IsZero() {
		return time.Time{}, fmt.Errorf("the replica %s holds nothing yet", cfg)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return time.Time{}, err
	}
	opt.OutputPath = filepath.Join(dir, DBFile)
	opt.IntegrityCheck = litestream.IntegrityCheckQuick
	if err := r.Restore(ctx, opt); err != nil {
		return time.Time{}, fmt.Errorf("restoring from %s: %w", cfg, err)
	}
	if err := os.Chmod(opt.OutputPath, 0o600); err != nil {
		return time.Time{}, err
	}
	if at.IsZero() {
		return newest, nil
	}
	return at, nil
}

// open returns a replica without a database, for reading.
func open(ctx context.Context, cfg *Config) (*litestream.Replica, error) {
	client := cfg.client()
	if err := client.Init(ctx); err != nil {
		return nil, fmt.Errorf("reaching the replica %s: %w", cfg, err)
	}
	return litestream.NewReplicaWithClient(nil, client), nil
}
