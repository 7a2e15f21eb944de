package export_test

import (
	"bytes"
	"os"
	"testing"

	"anubhav/export"
	"anubhav/schema"
	"anubhav/testkit/bulkdata"
	"anubhav/testkit/procmem"
)

// budgetMB is DESIGN.md's budget for an export of 1,000,000 items.
const budgetMB = 200

// The export of a district of 500 stations holding 1,000,000 items, as CSV and as a
// workbook (DESIGN.md's budget: streamed, at most 200 MB resident); with
// ANUBHAV_BENCH_STATE=1, the district officer's export of one district of the state
// (bulkdata.Chosen). The process's peak resident memory is reset before each export and read
// after it (VmHWM, Linux), so the figure is the whole process's: app, database cache and
// export; over budget the benchmark fails. Runs only with -bench:
//
//	GOTOOLCHAIN=auto go test ./export/ -run '^$' -bench . -benchtime 1x
func BenchmarkExport(b *testing.B) {
	app, ds := bulkdata.NewApp(b, bulkdata.Chosen(b))
	officer, err := app.FindAuthRecordByEmail(schema.Officers, ds.Officers[schema.RoleDistrict])
	if err != nil {
		b.Fatal(err)
	}
	r := export.Request{}
	for _, format := range []string{export.FormatCSV, export.FormatXLSX} {
		b.Run(format, func(b *testing.B) {
			r.Format = format
			var rows, size int64
			resetPeak(b)
			for b.Loop() {
				if format == export.FormatCSV {
					lines := &lineCounter{}
					if err := export.CSV(app, officer, r, lines, func() {}); err != nil {
						b.Fatal(err)
					}
					rows, size = lines.lines-1, lines.bytes
					continue
				}
				file, err := export.XLSX(app, officer, r, b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				info, _ := file.Stat()
				size = info.Size()
				file.Close()
				os.Remove(file.Name())
			}
			_, peak := procmem.Of(b, 0)
			b.ReportMetric(peak, "MB_peak_rss")
			if peak > budgetMB {
				b.Errorf("peak resident memory %.0f MB, budget %d MB", peak, budgetMB)
			}
			b.ReportMetric(float64(size)/1e6, "MB_file")
			if format == export.FormatCSV {
				b.ReportMetric(float64(rows), "rows")
			}
		})
	}
}

// lineCounter counts what a CSV export writes (a row a line: the data set's comments hold
// no line breaks).
type lineCounter struct{ lines, bytes int64 }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.lines += int64(bytes.Count(p, []byte{'\n'}))
	c.bytes += int64(len(p))
	return len(p), nil
}

// resetPeak sets the process's peak resident memory to its current one.
func resetPeak(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Skipf("cannot reset the peak resident memory (Linux only): %v", err)
	}
}
