package main

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/pagokit/pagokit/pagopa"
	"github.com/pagokit/pagokit/pagopa/sqlstore"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite", pure Go
)

var ecCommand = &command{
	name:    "ec",
	summary: "the ente's paForNode endpoint: serve it, or pay a notice against one",
	sub: []*command{
		{name: "serve", summary: "serve the paForNode SOAP endpoint for the positions of a file", run: ecServe},
		{name: "pay", summary: "play the Nodo: verify, activate and send the receipt of a notice", run: ecPay},
		{name: "load", summary: "load-test an endpoint with paVerifyPaymentNotice at a constant rate", run: ecLoad},
		{name: "positions", summary: "write synthetic debt positions of an ente, for trying out or load-testing an endpoint", run: ecPositions},
	},
}

// serveReady, when set by a test, receives the listener's address.
var serveReady func(addr string)

// serveStop, when set by a test, stops the server instead of a signal.
var serveStop <-chan struct{}

func ecServe(e env, args []string) error {
	fs := flag.NewFlagSet("ec serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8081", "address to listen on")
	cfgPath := fs.String("config", "", "ec.json: broker, stations and their enti")
	positions := fs.String("positions", "", "JSON array of GPD debt positions to load (optional)")
	db := fs.String("db", "", "store: sqlite:FILE or postgres://… (default: in memory)")
	path := fs.String("path", "/pagopa/paForNode", "URL path of the endpoint")
	certFile := fs.String("tls-cert", "", "server certificate (PEM) for HTTPS")
	keyFile := fs.String("tls-key", "", "server key (PEM) for HTTPS")
	clientPEM := fs.String("client-cert", "", "pinned client certificate(s) of the pagoPA platform (PEM): requires mutual TLS")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile (go tool pprof) to this file until the server stops")
	gcPercent := fs.Int("gc-percent", 400, "garbage collector target (as GOGC; the GOGC variable, when set, wins)")
	var stampTrust trustFlags
	stampTrust.register(fs, "stamp-")
	stampUntrusted := fs.Bool("stamp-allow-untrusted", false, "take @e.bollo MBDs signed by an untrusted PSP as valid (tests only)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	// A server that keeps its positions cached allocates much per request
	// next to a small live heap: collecting less often (at 5x the live heap
	// instead of 2x, some tens of MB more) took the p99 of a verification
	// at 5,000/s from 21–29 ms to 5–15 ms (BENCHMARKS.md).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(*gcPercent)
	}
	if err := required(fs, "config"); err != nil {
		return err
	}
	if (*certFile == "") != (*keyFile == "") || (*clientPEM != "" && *certFile == "") {
		return usagef("ec serve: --tls-cert and --tls-key go together, and --client-cert needs them")
	}
	cfg, err := readConfig(*cfgPath)
	if err != nil {
		return err
	}
	ctx := context.Background()
	store, closeStore, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer closeStore()
	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))
	if *positions != "" {
		f, err := os.Open(*positions)
		if err != nil {
			return err
		}
		rep, err := pagopa.ImportPositions(ctx, store, cfg, f, time.Now())
		f.Close()
		if err != nil {
			return fmt.Errorf("ec serve: %s: %w", *positions, err)
		}
		for _, p := range rep.Problems {
			logger.Warn("position not loaded", "index", p.Index, "iupd", p.IUPD, "err", p.Err.Error())
		}
		logger.Info("positions loaded", "created", rep.Created, "updated", rep.Updated, "unchanged", rep.Unchanged, "refused", len(rep.Problems))
	}
	trust, err := stampTrust.policy()
	if err != nil {
		return err
	}
	trust.AllowUntrusted = *stampUntrusted
	if trust.Certificates == nil && trust.Roots == nil && !trust.AllowUntrusted {
		logger.Warn("no @e.bollo signer trusted (--stamp-trust-cert, --stamp-ca): every MBD received will be marked invalid")
	}
	h, err := pagopa.NewHandler(*cfg, store, pagopa.WithLogger(logger), pagopa.WithStampPolicy(pagopa.StampPolicy{Trust: trust}))
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("POST "+*path, h)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	if *certFile != "" {
		cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			return err
		}
		srv.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
		if *clientPEM != "" {
			pinned, err := os.ReadFile(*clientPEM)
			if err != nil {
				return err
			}
			if srv.TLSConfig, err = pagopa.MutualTLSConfig(pinned, cert, nil); err != nil {
				return err
			}
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if srv.TLSConfig != nil {
		ln = tls.NewListener(ln, srv.TLSConfig)
		scheme = "https"
	}
	logger.Info("serving paForNode", "url", scheme+"://"+ln.Addr().String()+*path, "broker", cfg.BrokerID, "stations", len(cfg.Stations))
	if serveReady != nil {
		serveReady(ln.Addr().String())
	}
	stop := serveStop
	if stop == nil {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(sig)
		ch := make(chan struct{})
		go func() { <-sig; close(ch) }()
		stop = ch
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-stop:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openStore opens the store named by --db: "" is in memory,
// "sqlite:FILE" a SQLite file, "postgres://…" or "postgresql://…" a
// PostgreSQL database. The schema is migrated.
func openStore(ctx context.Context, dsn string) (pagopa.Store, func(), error) {
	if dsn == "" {
		return pagopa.NewMemoryStore(), func() {}, nil
	}
	var driver, source string
	var dialect sqlstore.Dialect
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		driver, dialect = "sqlite", sqlstore.SQLite
		source = sqlstore.SQLiteDSN(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		driver, dialect, source = "pgx", sqlstore.PostgreSQL, dsn
	default:
		return nil, nil, usagef("ec serve: --db must be sqlite:FILE or postgres://…")
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		return nil, nil, err
	}
	// database/sql keeps only 2 idle connections by default: under load
	// the others would be opened and closed for every query.
	conns := 8
	if dialect == sqlstore.PostgreSQL {
		conns = 16
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s, err := sqlstore.New(db, dialect)
	if err == nil {
		err = s.Migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return s, func() { db.Close() }, nil
}
