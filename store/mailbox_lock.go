package store

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
)

// mailboxLockSpace is the first key of the two-key advisory locks that keep
// one poller per mailbox across replicas; the second key is the mailbox id.
// Migrations lock in the one-bigint key space, which never collides.
const mailboxLockSpace int32 = 0x696d6170 // "imap"

// mailboxLockCheck is how often the connection holding a mailbox lock is
// checked: if it died, Postgres released the lock and another replica may
// be polling already, so the holder must stop.
var mailboxLockCheck = 15 * time.Second

// TryLockMailbox takes the session-level advisory lock of a mailbox on a
// connection of its own (not the pool's: a poller holds it for hours). ok is
// false when another process holds it. While ok, held is a context that ends
// when ctx ends, when release is called, or when the lock's connection is
// lost (and with it the lock); release unlocks and closes the connection.
func (db *DB) TryLockMailbox(ctx context.Context, mailboxID int64) (held context.Context, release func(), ok bool, err error) {
	if mailboxID <= 0 || mailboxID > math.MaxInt32 {
		return nil, nil, false, fmt.Errorf("store: lock mailbox %d: id out of the advisory lock key range", mailboxID)
	}
	conn, err := pgx.ConnectConfig(ctx, db.pool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, nil, false, fmt.Errorf("store: lock mailbox %d: connect: %w", mailboxID, err)
	}
	closeConn := func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn.Close(cctx)
	}
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, $2)`, mailboxLockSpace, int32(mailboxID)).Scan(&ok); err != nil {
		closeConn()
		return nil, nil, false, fmt.Errorf("store: lock mailbox %d: %w", mailboxID, err)
	}
	if !ok {
		closeConn()
		return nil, nil, false, nil
	}
	held, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer closeConn()
		t := time.NewTicker(mailboxLockCheck)
		defer t.Stop()
		for {
			select {
			case <-held.Done():
				uctx, ucancel := context.WithTimeout(context.Background(), 5*time.Second)
				conn.Exec(uctx, `SELECT pg_advisory_unlock($1, $2)`, mailboxLockSpace, int32(mailboxID))
				ucancel()
				return
			case <-t.C:
				pctx, pcancel := context.WithTimeout(held, 10*time.Second)
				err := conn.Ping(pctx)
				pcancel()
				if err != nil && held.Err() == nil {
					db.log.Warn("lost the advisory lock of a mailbox: its poller stops", "mailbox", mailboxID, "err", err)
					cancel()
					return
				}
			}
		}
	}()
	release = func() {
		cancel()
		<-done
	}
	return held, release, true, nil
}
