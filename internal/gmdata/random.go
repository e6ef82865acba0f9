package gmdata

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The random files of g_createrandom, as chainsqld writes them:
// RandomFiles files random/random0 … random/random999 of RandomFileSize
// bytes each (128 KiB, about 10^6 bits for a randomness test suite).
const (
	RandomFiles    = 1000
	RandomFileSize = 128 * 1024
	RandomDir      = "random"
)

// WriteRandom writes files files of RandomFileSize bytes read from
// random, dir/random/random0 and on; written is called after each with
// the number written so far. It stops with ctx's error when ctx is
// done; the files written until then stay, each whole.
func WriteRandom(ctx context.Context, dir string, files int, random io.Reader, written func(n int)) error {
	rdir := filepath.Join(dir, RandomDir)
	if err := os.MkdirAll(rdir, 0o755); err != nil {
		return fmt.Errorf("gmdata: %w", err)
	}
	for i := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := writeFile(filepath.Join(rdir, fmt.Sprintf("random%d", i)), func(w *bufio.Writer) error {
			if _, err := io.CopyN(w, random, RandomFileSize); err != nil {
				return fmt.Errorf("read random bytes: %w", err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		written(i + 1)
	}
	return nil
}
