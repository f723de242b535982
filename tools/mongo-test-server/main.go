// Command mongo-test-server serves the MongoDB wire protocol on a loopback port for QuickShow's
// tests, through FerretDB v1 embedded as a library (no MongoDB server can be installed here).
//
//	go build -o bin/mongo-test-server . && bin/mongo-test-server -port 0
//
// Clients connect through a small proxy that serialises write commands, because FerretDB v1
// does not apply a conditional single-document update atomically (see proxy.go).
//
// It prints one line "mongo-test-server ready: mongodb://127.0.0.1:PORT/" once clients can
// connect, and stops cleanly (closing the listener and the backend, removing its temporary
// data directory) on SIGTERM or SIGINT.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	port := flag.Int("port", 0, "TCP port on 127.0.0.1 to listen on (0 picks a free one)")
	handler := flag.String("handler", "sqlite", "FerretDB backend: sqlite (temporary directory) or postgresql")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL database for -handler postgresql")
	dataDir := flag.String("data-dir", "", "directory for the SQLite files (default: a new temporary directory, removed on exit)")
	logLevel := flag.String("log-level", "error", "debug, info, warn or error (FerretDB warns about every command it lacks, e.g. endSessions)")
	serialize := flag.String("serialize", "all", "which commands run one at a time: all, or writes (reads run concurrently)")
	flag.Parse()
	if *serialize != "all" && *serialize != "writes" {
		fail("-serialize must be all or writes")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		// FerretDB itself listens on a private port; clients reach it through writeSerializer.
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:   logger,
		Handler:  *handler,
	}

	switch *handler {
	case "sqlite":
		dir := *dataDir
		if dir == "" {
			tmp, err := os.MkdirTemp("", "mongo-test-server-")
			if err != nil {
				fail("cannot create a data directory: %v", err)
			}
			defer os.RemoveAll(tmp)
			dir = tmp
		} else if err := os.MkdirAll(dir, 0o755); err != nil {
			fail("cannot create %s: %v", dir, err)
		}
		config.SQLiteURL = "file:" + dir + "/"
	case "postgresql":
		if *postgresURL == "" {
			fail("-handler postgresql needs -postgresql-url")
		}
		config.PostgreSQLURL = *postgresURL
	default:
		fail("unknown -handler %q (sqlite or postgresql)", *handler)
	}

	db, err := ferretdb.New(config)
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- db.Run(ctx) }()

	// MongoDBURI waits until FerretDB's listener is bound.
	upstream, err := url.Parse(db.MongoDBURI())
	if err != nil {
		fail("unexpected FerretDB URI: %v", err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(*port))
	if err != nil {
		fail("cannot listen on port %d: %v", *port, err)
	}
	defer listener.Close()
	go (&writeSerializer{upstream: upstream.Host, logger: logger, allCommands: *serialize == "all"}).serve(listener)
	fmt.Printf("mongo-test-server ready: mongodb://%s/\n", listener.Addr().String())

	select {
	case err = <-done:
		// Run returned before any signal: the listener failed.
		if err != nil {
			fail("FerretDB stopped: %v", err)
		}
		fail("FerretDB stopped unexpectedly")
	case <-ctx.Done():
	}

	select {
	case err = <-done:
		if err != nil {
			logger.Warn("FerretDB stopped with an error", "error", err)
		}
	case <-time.After(10 * time.Second):
		logger.Warn("FerretDB did not stop within 10 s; exiting anyway")
	}
	fmt.Println("mongo-test-server stopped")
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "mongo-test-server: "+format+"\n", args...)
	os.Exit(1)
}
