package storage

import (
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TeamMembership ties a store to a team folder: the folder it exchanges
// layers through and the annotator it is there. It lives in the store so
// that syncing needs no flags, and travels with the store's file.
type TeamMembership struct {
	Folder    string    `json:"folder"`
	Annotator string    `json:"annotator"`
	Joined    time.Time `json:"joined"`
	LastSync  time.Time `json:"last_sync,omitzero"`
	// Imported holds, per other annotator, the hash of the layer file last
	// read into the store and the ClaimsFingerprints of the copy it made:
	// while both hold, the file is not read again.
	Imported map[string]string `json:"imported,omitempty"`
	// WrittenLayer is the LayerFingerprint of this annotator's layer when
	// it was last written to the folder, and WrittenFile the hash of the
	// file written: while both still hold, the layer need not be written.
	WrittenLayer string `json:"written_layer,omitempty"`
	WrittenFile  string `json:"written_file,omitempty"`
	// Adjudicator: this member writes the team's gold layer,
	// claims/gold.jsonl; WrittenGold and WrittenGoldFile are for it what
	// WrittenLayer and WrittenFile are for the member's own layer.
	Adjudicator     bool   `json:"adjudicator,omitempty"`
	WrittenGold     string `json:"written_gold,omitempty"`
	WrittenGoldFile string `json:"written_gold_file,omitempty"`
	// Conflicts are the conflict copies a synced folder made (Syncthing's
	// NAME.sync-conflict-….jsonl) that a sync has reported already: each
	// is reported once.
	Conflicts []string `json:"conflicts,omitempty"`
}

// The team bucket is made the first time a store joins a team, so stores
// that never do stay as they were.
var (
	bucketTeam        = []byte("team")
	keyTeamMembership = []byte("membership")
)

// TeamMembership returns the store's membership, and false when the store
// has joined no team.
func (s *Store) TeamMembership() (TeamMembership, bool, error) {
	var (
		m  TeamMembership
		ok bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTeam)
		if b == nil {
			return nil
		}
		var err error
		ok, err = getJSON(b, keyTeamMembership, &m)
		return err
	})
	return m, ok, err
}

// SetTeamMembership stores the membership, replacing any before.
func (s *Store) SetTeamMembership(m TeamMembership) error {
	m.Folder = strings.TrimSpace(m.Folder)
	m.Annotator = strings.TrimSpace(m.Annotator)
	if m.Folder == "" || m.Annotator == "" {
		return invalidf("a team membership needs a folder and an annotator's name")
	}
	return s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketTeam)
		if err != nil {
			return err
		}
		return putJSON(b, keyTeamMembership, m)
	})
}
