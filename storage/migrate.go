package storage

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout this build writes. A file with a newer version
// is refused rather than misread.
const SchemaVersion = 1

// migrations[v] upgrades a store from version v to v+1. Version 0 is a fresh
// file, for which the buckets already exist.
var migrations = map[int]func(tx *bolt.Tx) error{
	0: func(*bolt.Tx) error { return nil },
}

func migrate(tx *bolt.Tx, path string) error {
	meta := tx.Bucket(bucketMeta)
	version := 0
	if raw := meta.Get(keySchemaVersion); raw != nil {
		v, err := strconv.Atoi(string(raw))
		if err != nil {
			return fmt.Errorf("%s: %w (schema version %q)", path, ErrNotClaimdesk, raw)
		}
		version = v
	}
	if version > SchemaVersion {
		return fmt.Errorf("%s was written by a newer claimdesk (schema %d, this build reads up to %d)", path, version, SchemaVersion)
	}
	for ; version < SchemaVersion; version++ {
		if err := migrations[version](tx); err != nil {
			return fmt.Errorf("migrate %s from schema %d: %w", path, version, err)
		}
	}
	return meta.Put(keySchemaVersion, []byte(strconv.Itoa(SchemaVersion)))
}
