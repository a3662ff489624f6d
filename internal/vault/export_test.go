package vault

import "time"

// SetNowForTest replaces the clock the certificate renewal window is measured
// with, for acceptance tests in package vault_test; it returns the restore.
func SetNowForTest(f func() time.Time) (restore func()) {
	old := now
	now = f
	return func() { now = old }
}
