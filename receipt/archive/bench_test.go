package archive_test

import (
	"bytes"
	"io"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/pagokit/pagokit/internal/testenv"
	"github.com/pagokit/pagokit/receipt"
	"github.com/pagokit/pagokit/receipt/archive"
)

// BenchmarkBuild builds packages of 1,000 receipts of about 3 KB to
// io.Discard, the signature included, and reports receipts per second.
func BenchmarkBuild(b *testing.B) {
	const n = 1000
	rs := make([]*receipt.Receipt, n)
	var size int64
	for i := range rs {
		rs[i] = synthetic(i+1, 3000)
		size += int64(len(rs[i].Raw))
	}
	opts := options(b)
	opts.TempDir = b.TempDir()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := archive.Build(io.Discard, seq(rs...), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "receipts/s")
}

// BenchmarkVerify verifies a package of 1,000 receipts of about 3 KB.
func BenchmarkVerify(b *testing.B) {
	const n = 1000
	rs := make([]*receipt.Receipt, n)
	for i := range rs {
		rs[i] = synthetic(i+1, 3000)
	}
	pkg := build(b, options(b), rs...)
	_, cert := ente(b)
	b.SetBytes(int64(len(pkg)))
	b.ReportAllocs()
	for b.Loop() {
		rep, err := archive.Verify(bytes.NewReader(pkg), int64(len(pkg)), cert)
		if err != nil || !rep.OK() {
			b.Fatal(err, rep.Problems)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "receipts/s")
}

// The tests of 100,000 synthetic receipts of about 3 KB, generated on the
// fly, run only with PAGOKIT_ARCHIVE_100K=1. Run them one at a time to
// read each one's peak RSS:
//
//	go test -c -o archive.test ./receipt/archive
//	PAGOKIT_ARCHIVE_100K=1 /usr/bin/time -v ./archive.test -test.run TestBuild100K -test.v
//	PAGOKIT_ARCHIVE_100K=1 /usr/bin/time -v ./archive.test -test.run TestVerify100K -test.v
const n100K = 100_000

func skip100K(t *testing.T) {
	if os.Getenv("PAGOKIT_ARCHIVE_100K") != "1" {
		t.Skip("set PAGOKIT_ARCHIVE_100K=1 to build a package of 100,000 receipts")
	}
}

// build100K builds the package to a file in dir and returns it.
func build100K(t *testing.T, dir string) *os.File {
	path := filepath.Join(dir, "package.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	opts := options(t)
	opts.TempDir = dir
	var rawBytes int64
	receipts := iter.Seq2[*receipt.Receipt, error](func(yield func(*receipt.Receipt, error) bool) {
		for i := 1; i <= n100K; i++ {
			r := synthetic(i, 3000)
			rawBytes += int64(len(r.Raw))
			if !yield(r, nil) {
				return
			}
		}
	})

	runtime.GC()
	stop := sampleHeap()
	start := time.Now()
	s, err := archive.Build(f, receipts, opts)
	elapsed := time.Since(start)
	peak := stop()
	if err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Build: %d receipts (%.1f MB raw) in %v (%.0f receipts/s); ZIP %.1f MB, %d files; peak heap in use %.1f MB",
		s.Receipts, float64(rawBytes)/1e6, elapsed.Round(time.Millisecond), float64(n100K)/elapsed.Seconds(),
		float64(fi.Size())/1e6, s.Files, float64(peak)/1e6)
	if s.Receipts != n100K || s.Files != n100K+4 {
		t.Errorf("Summary %+v", s)
	}
	if peak > 150e6 {
		t.Errorf("peak heap %d bytes, over 150 MB", peak)
	}
	return f
}

// TestBuild100K builds the package and tests it with unzip (more than
// 65,535 entries: the ZIP64 end records).
func TestBuild100K(t *testing.T) {
	skip100K(t)
	f := build100K(t, t.TempDir())
	unzip := testenv.Tool(t, "unzip", "unzip")
	start := time.Now()
	out, err := exec.Command(unzip, "-tq", f.Name()).CombinedOutput()
	if err != nil {
		t.Fatalf("unzip -tq: %v\n%s", err, out)
	}
	t.Logf("unzip -tq (%v): %s", time.Since(start).Round(time.Millisecond), bytes.TrimSpace(out))
}

// TestVerify100K builds the package and verifies it.
func TestVerify100K(t *testing.T) {
	skip100K(t)
	f := build100K(t, t.TempDir())
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	_, cert := ente(t)
	runtime.GC()
	stop := sampleHeap()
	start := time.Now()
	rep, err := archive.Verify(f, fi.Size(), cert)
	elapsed := time.Since(start)
	peak := stop()
	if err != nil || !rep.OK() {
		t.Fatalf("Verify: %v %v", err, rep.Problems)
	}
	t.Logf("Verify: %d files in %v; peak heap in use %.1f MB", rep.Files, elapsed.Round(time.Millisecond), float64(peak)/1e6)
}

// sampleHeap samples the heap every 20 ms until the returned function is
// called, which returns the peaks.
func sampleHeap() func() uint64 {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		peak = max(peak, m.HeapInuse)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		sample()
		return peak
	}
}
