package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
)

// FerretDB v1 runs a write as "query matching documents, apply the update in Go, write each
// document back by _id", with nothing tying the write to what was read. Two concurrent
// conditional updates of one document can therefore both match and both report success
// (measured: up to 9 of 100 racing claims of one seat "won"). MongoDB applies a single-document
// update atomically, and QuickShow relies on that.
//
// writeSerializer sits between clients and the embedded FerretDB and lets one write command
// at a time through, from its request until its reply, which gives the tests MongoDB's
// guarantee. With -serialize all (the default) reads wait their turn too: under load we saw
// rare lost updates with only writes serialised, and FerretDB on SQLite gains little from
// concurrency on two cores anyway.
type writeSerializer struct {
	upstream string
	logger   *slog.Logger
	writes   sync.Mutex
	// allCommands serialises reads too, so that no read runs beside a write inside FerretDB.
	allCommands bool
}

// Commands that change data; compared in lower case (findAndModify is also sent as findandmodify).
var writeCommands = map[string]bool{
	"insert": true, "update": true, "delete": true, "findandmodify": true,
	"createindexes": true, "dropindexes": true, "create": true, "drop": true, "dropdatabase": true,
	"renamecollection": true,
}

const (
	opMsg         = 2013
	maxMessageLen = 48 * 1024 * 1024
)

func (p *writeSerializer) serve(listener net.Listener) {
	for {
		client, err := listener.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				p.logger.Warn("accept failed", "error", err)
			}
			return
		}
		go p.handle(client)
	}
}

func (p *writeSerializer) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		p.logger.Warn("cannot reach FerretDB", "error", err)
		return
	}
	defer server.Close()

	// The request whose reply releases the write lock, if one is in flight on this connection.
	var mu sync.Mutex
	pending := int32(0)
	locked := false
	release := func() {
		mu.Lock()
		defer mu.Unlock()
		if locked {
			locked = false
			pending = 0
			p.writes.Unlock()
		}
	}
	defer release()

	done := make(chan struct{}, 2)
	// Replies: forward, and release the lock once the write's reply is on its way back.
	go func() {
		defer func() { done <- struct{}{} }()
		for {
			msg, err := readMessage(server)
			if err != nil {
				return
			}
			if _, err := client.Write(msg); err != nil {
				return
			}
			responseTo := int32(binary.LittleEndian.Uint32(msg[8:12]))
			mu.Lock()
			isPending := locked && responseTo == pending
			mu.Unlock()
			if isPending {
				release()
			}
		}
	}()
	// Requests: take the lock before forwarding a write.
	go func() {
		defer func() { done <- struct{}{} }()
		for {
			msg, err := readMessage(client)
			if err != nil {
				return
			}
			if p.allCommands || isWrite(msg) {
				p.writes.Lock()
				mu.Lock()
				locked = true
				pending = int32(binary.LittleEndian.Uint32(msg[4:8]))
				mu.Unlock()
			}
			if _, err := server.Write(msg); err != nil {
				return
			}
		}
	}()
	<-done
	// Either side closing ends both directions.
	client.Close()
	server.Close()
	<-done
}

// readMessage reads one wire-protocol message (16-byte header with its total length first).
func readMessage(r io.Reader) ([]byte, error) {
	var header [16]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(binary.LittleEndian.Uint32(header[0:4]))
	if length < 16 || length > maxMessageLen {
		return nil, fmt.Errorf("bad message length %d", length)
	}
	msg := make([]byte, length)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[16:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// isWrite tells whether an OP_MSG's body names a write command: the body (section kind 0)
// is a BSON document whose first element's name is the command.
func isWrite(msg []byte) bool {
	if len(msg) < 21 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return false
	}
	for i := 20; i < len(msg); {
		kind := msg[i]
		i++
		if i+4 > len(msg) {
			return false
		}
		size := int(binary.LittleEndian.Uint32(msg[i : i+4]))
		if kind == 0 {
			// int32 document length, then the first element: type byte and a C string name.
			if i+5 > len(msg) {
				return false
			}
			name := msg[i+5:]
			if end := bytes.IndexByte(name, 0); end >= 0 {
				return writeCommands[strings.ToLower(string(name[:end]))]
			}
			return false
		}
		if size <= 0 {
			return false
		}
		i += size // a document sequence (kind 1): its size includes the size field
	}
	return false
}
