package store

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A hostile import of 100 MB is refused, or read, within half a gigabyte:
// millions of empty patients are counted and refused before any is
// decoded; half a million padded ones, the most the limit lets through,
// are decoded within the bound.
func TestImportMemoryIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100 MB imports")
	}
	const size = 100 << 20
	head, tail := `{"Format":"carecost export","Version":1,"Patients":[`, `],"Programs":[]}`
	for _, tc := range []struct {
		name   string
		record string
		n      int
		want   string
	}{
		{"empty patients", "{},", (size - len(head)) / 3, "holds more than 300000 records"},
		// Padded so that the file is 100 MB with as many records as the
		// limit allows: each is refused for its empty name, after decoding.
		{"padded patients", "{}" + strings.Repeat(" ", size/DefaultLimits.Records-3) + ",", DefaultLimits.Records - 1, "is not a carecost ID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			b.Grow(size + 1024)
			b.WriteString(head)
			for i := range tc.n {
				if i == tc.n-1 {
					b.WriteString(strings.TrimSuffix(tc.record, ","))
					break
				}
				b.WriteString(tc.record)
			}
			b.WriteString(tail)
			data := b.String()
			// Read from a file, as carecost import does.
			path := filepath.Join(t.TempDir(), "hostile.json")
			if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			b = strings.Builder{}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err = ReadExport(f)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%d MB: %v", len(data)>>20, err)
			}
			// Every byte allocated while reading, an upper bound on the
			// peak: under 500 MB.
			if got := after.TotalAlloc - before.TotalAlloc; got > 500<<20 {
				t.Errorf("%d MB of %d MB allocated reading it", got>>20, len(data)>>20)
			} else {
				t.Logf("%s: %d MB allocated for a %d MB file", tc.name, got>>20, len(data)>>20)
			}
		})
	}
}
