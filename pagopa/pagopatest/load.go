package pagopatest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// LoadOptions configure Load.
type LoadOptions struct {
	// FiscalCode and Notices are the notices verified, in turn.
	FiscalCode string
	Notices    []string
	// Rate is the number of requests started per second (open loop: a
	// slow answer does not delay the next request).
	Rate int
	// Connections is the number of HTTP connections (default 64).
	Connections int
	// Duration of the run (default 10 s).
	Duration time.Duration
}

// LoadResult sums up a Load run. Latencies are measured from each
// request's scheduled time, so waiting for a free connection counts, and
// so does the generator's own lateness.
type LoadResult struct {
	Requests, OK, Faults, Errors int
	Elapsed                      time.Duration
	P50, P90, P99, Max           time.Duration
	// FirstError is the first error met (a failed connection, a bad
	// answer), nil when there was none.
	FirstError error
}

// Throughput is the rate of answered requests.
func (r LoadResult) Throughput() float64 {
	return float64(r.OK+r.Faults) / r.Elapsed.Seconds()
}

// String sums the run up on one line.
func (r LoadResult) String() string {
	return fmt.Sprintf("%d requests in %v: %.0f/s answered (%d OK, %d KO, %d errors); latency p50 %v p90 %v p99 %v max %v",
		r.Requests, r.Elapsed.Round(time.Millisecond), r.Throughput(), r.OK, r.Faults, r.Errors,
		r.P50.Round(10*time.Microsecond), r.P90.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Max.Round(10*time.Microsecond)) +
		firstError(r.FirstError)
}

func firstError(err error) string {
	if err == nil {
		return ""
	}
	return "; first error: " + err.Error()
}

// Load sends paVerifyPaymentNotice requests to the endpoint at a constant
// rate and measures the latency of the answers: a load test of a station
// (use it against your own).
func (n *Nodo) Load(ctx context.Context, opt LoadOptions) (LoadResult, error) {
	if opt.Rate <= 0 || len(opt.Notices) == 0 {
		return LoadResult{}, errors.New("pagopatest: Load needs a rate and notices")
	}
	if opt.Connections <= 0 {
		opt.Connections = 64
	}
	if opt.Duration <= 0 {
		opt.Duration = 10 * time.Second
	}
	bodies := make([][]byte, len(opt.Notices))
	for i, nav := range opt.Notices {
		var b bytes.Buffer
		req := &soap.Request{Op: soap.OpVerify, Header: n.header(opt.FiscalCode),
			Verify: &soap.VerifyReq{FiscalCode: opt.FiscalCode, NoticeNumber: nav}}
		if err := soap.WriteRequest(&b, req); err != nil {
			return LoadResult{}, err
		}
		bodies[i] = b.Bytes()
	}
	u, err := url.Parse(n.URL)
	if err != nil || u.Scheme != "http" {
		return LoadResult{}, errors.New("pagopatest: Load needs an http:// URL")
	}
	// Each request is written out whole in advance: the generator must
	// cost little next to the endpoint it measures on the same machine.
	raw := make([][]byte, len(bodies))
	for i, b := range bodies {
		raw[i] = fmt.Appendf(nil, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml; charset=utf-8\r\n"+
			"SOAPAction: \"paVerifyPaymentNotice\"\r\nContent-Length: %d\r\n\r\n%s", u.RequestURI(), u.Host, len(b), b)
	}

	total := int(int64(opt.Rate) * int64(opt.Duration) / int64(time.Second))
	type job struct {
		i  int
		at time.Time
	}
	due := make(chan job, total)
	type result struct {
		lat     time.Duration
		outcome int // 0 OK, 1 KO, 2 error
		err     error
	}
	results := make([]result, total)
	start := time.Now()
	interval := time.Second / time.Duration(opt.Rate)
	var wg sync.WaitGroup
	for range opt.Connections {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &loadConn{addr: u.Host}
			defer c.close()
			for j := range due {
				outcome, err := c.do(raw[j.i%len(raw)])
				results[j.i] = result{time.Since(j.at), outcome, err}
			}
		}()
	}
	// Release the requests at their times. The releaser wakes at most
	// once a millisecond and releases every request due by then, so the
	// generator does not wake up once per request; each latency counts
	// from the request's scheduled time, so the releaser's lateness is
	// charged to the endpoint, never hidden.
	for i := 0; i < total; {
		at := start.Add(time.Duration(i) * interval)
		if d := time.Until(at); d > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(max(d, time.Millisecond)):
			}
		}
		if ctx.Err() != nil {
			total = i
			break
		}
		now := time.Now()
		for ; i < total; i++ {
			at := start.Add(time.Duration(i) * interval)
			if at.After(now) {
				break
			}
			due <- job{i, at}
		}
	}
	close(due)
	wg.Wait()
	elapsed := time.Since(start)

	res := LoadResult{Requests: total, Elapsed: elapsed}
	lats := make([]time.Duration, 0, total)
	for _, r := range results[:total] {
		switch r.outcome {
		case 0:
			res.OK++
		case 1:
			res.Faults++
		default:
			res.Errors++
			if res.FirstError == nil {
				res.FirstError = r.err
			}
		}
		lats = append(lats, r.lat)
	}
	slices.Sort(lats)
	if len(lats) > 0 {
		q := func(p float64) time.Duration { return lats[min(len(lats)-1, int(p*float64(len(lats))))] }
		res.P50, res.P90, res.P99, res.Max = q(0.50), q(0.90), q(0.99), lats[len(lats)-1]
	}
	return res, ctx.Err()
}

var okOutcome = []byte("<outcome>OK</outcome>")

// loadConn is one keep-alive HTTP/1.1 connection of Load.
type loadConn struct {
	addr string
	conn net.Conn
	br   *bufio.Reader
	body bytes.Buffer
}

func (c *loadConn) close() {
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
}

// do sends one request and classifies the answer: 0 OK, 1 KO, 2 error
// (with the error).
func (c *loadConn) do(req []byte) (int, error) {
	if c.conn == nil {
		conn, err := net.DialTimeout("tcp", c.addr, 5*time.Second)
		if err != nil {
			return 2, err
		}
		c.conn, c.br = conn, bufio.NewReaderSize(conn, 16<<10)
	}
	c.conn.SetDeadline(time.Now().Add(7 * time.Second))
	if _, err := c.conn.Write(req); err != nil {
		c.close()
		return 2, err
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		c.close()
		return 2, err
	}
	c.body.Reset()
	_, err = c.body.ReadFrom(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil || resp.Close {
		c.close()
	}
	switch {
	case err != nil:
		return 2, err
	case resp.StatusCode != http.StatusOK:
		return 2, fmt.Errorf("HTTP status %s", resp.Status)
	case bytes.Contains(c.body.Bytes(), okOutcome):
		return 0, nil
	}
	return 1, nil
}
