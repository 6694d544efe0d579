package storage

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout this build writes. A file with a newer version
// is refused rather than misread.
const SchemaVersion = 3

// migrations[v] upgrades a store from version v to v+1, inside the
// transaction that opens it, so a failed migration leaves the file as it
// was. Version 0 is a fresh file, for which the buckets already exist.
var migrations = map[int]func(tx *bolt.Tx) error{
	0: func(*bolt.Tx) error { return nil },
	1: migrateStatusOutOfArticles,
	2: migrateToBinaryClaims,
}

// schemaVersion reads the version a store was written at.
func schemaVersion(tx *bolt.Tx, path string) (int, error) {
	raw := tx.Bucket(bucketMeta).Get(keySchemaVersion)
	if raw == nil {
		return 0, notClaimdesk(path, "no claimdesk schema version")
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, notClaimdesk(path, fmt.Sprintf("schema version %q", raw))
	}
	if v > SchemaVersion {
		return 0, fmt.Errorf("%s: %w (schema %d; this build reads up to %d): update claimdesk", path, ErrNewerSchema, v, SchemaVersion)
	}
	return v, nil
}

// migrate brings the store up to SchemaVersion; a fresh store (no version
// yet) starts at 0.
func migrate(tx *bolt.Tx, path string) error {
	meta := tx.Bucket(bucketMeta)
	version := 0
	if meta.Get(keySchemaVersion) != nil {
		v, err := schemaVersion(tx, path)
		if err != nil {
			return err
		}
		version = v
	}
	if version == SchemaVersion {
		return nil
	}
	for ; version < SchemaVersion; version++ {
		step, ok := migrations[version]
		if !ok {
			return fmt.Errorf("migrate %s: no migration from schema %d", path, version)
		}
		if err := step(tx); err != nil {
			return fmt.Errorf("migrate %s from schema %d: %w", path, version, err)
		}
	}
	return meta.Put(keySchemaVersion, []byte(strconv.Itoa(SchemaVersion)))
}

// bbolt trusts the pages it maps: a damaged file makes it panic, or read
// past the end of the mapping, which the runtime treats as a fatal fault.
// Every transaction therefore runs shielded, which turns both into an
// error, so a bad file gives a message, never a crash.
