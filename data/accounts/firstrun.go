package accounts

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/timbang/timbang/data"
)

// FirstAdmin is the username EnsureAdmin creates.
const FirstAdmin = "admin"

// EnsureAdmin gives a database without any user its first admin, so that Timbang never ships a
// default password: the password is random, returned for the caller to print once, and stored
// only as a hash. On a database that has users it does nothing and returns created false.
//
// The password is crypto/rand.Text: 26 characters of base32 (A-Z and 2-7), 130 bits; with no
// digits 0 and 1 and no lower case, nothing in it is misread when typed from a console.
func EnsureAdmin(ctx context.Context, store *data.Store, now time.Time) (created bool, username, password string, err error) {
	db := store.DB()
	var n int
	if err := db.QueryRowContext(ctx, query("users_count")).Scan(&n); err != nil {
		return false, "", "", fmt.Errorf("count users: %w", err)
	}
	if n > 0 {
		return false, "", "", nil
	}
	password = rand.Text()
	hash := HashPassword(password)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, "", "", err
	}
	defer rollback(tx)
	// Counted again inside the transaction: the first count kept the slow hash out of it.
	if err := tx.QueryRowContext(ctx, query("users_count")).Scan(&n); err != nil {
		return false, "", "", fmt.Errorf("count users: %w", err)
	}
	if n > 0 {
		return false, "", "", nil
	}
	if _, err := insertUser(ctx, tx, FirstAdmin, hash, RoleAdmin, Scope{}, now); err != nil {
		return false, "", "", err
	}
	if err := record(ctx, tx, Entry{At: now, Actor: "timbang", Action: ActionUserAdd, Scope: Scope{}.String(),
		Detail: "user admin (admin) created at first start, with a random password shown once on the console"}); err != nil {
		return false, "", "", err
	}
	if err := tx.Commit(); err != nil {
		return false, "", "", fmt.Errorf("create first admin: commit: %w", err)
	}
	return true, FirstAdmin, password, nil
}
