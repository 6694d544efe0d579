package storage

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestCheckFindsInjectedInconsistencies writes bad records straight into a
// closed store with bbolt, past every rule the Store enforces, and expects
// Check to name each.
func TestCheckFindsInjectedInconsistencies(t *testing.T) {
	put := func(bucket []byte, key []byte, value string) func(*bolt.Tx) error {
		return func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, []byte(value)) }
	}
	claim := func() string {
		return `{"id":2,"article_id":1,"start":7,"end":13,"quote":"denied","label":"denial","origin":"manual"}`
	}
	tests := []struct {
		name   string
		mutate func(*bolt.Tx) error
		says   string
	}{
		{"quote does not match", func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketIndex).Put(indexKey(1, 2), nil)
			return put(bucketClaims, idKey(2), strings.Replace(claim(), `"quote":"denied"`, `"quote":"Peskov"`, 1))(tx)
		}, `claim 2: quote "Peskov" does not match article 1 at 7–13`},
		{"span out of the text", func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketIndex).Put(indexKey(1, 2), nil)
			return put(bucketClaims, idKey(2), strings.Replace(claim(), `"end":13`, `"end":130`, 1))(tx)
		}, "claim 2: quote \"denied\" does not match article 1 at 7–130"},
		{"empty span", func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketIndex).Put(indexKey(1, 2), nil)
			return put(bucketClaims, idKey(2), strings.Replace(claim(), `"end":13,"quote":"denied"`, `"end":7,"quote":""`, 1))(tx)
		}, `claim 2: quote "" does not match article 1 at 7–7`},
		{"unknown label", func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketIndex).Put(indexKey(1, 2), nil)
			return put(bucketClaims, idKey(2), strings.Replace(claim(), `"denial"`, `"sarcasm"`, 1))(tx)
		}, `claim 2: label "sarcasm" does not exist`},
		{"claim missing from the index", put(bucketClaims, idKey(2), claim()), "claim 2: missing from the article index"},
		{"index entry points nowhere", put(bucketIndex, indexKey(1, 9), ""), "article index entry 1|9 points to no claim"},
		{"index files a claim under the wrong article", put(bucketIndex, indexKey(5, 1), ""), "article index files claim 1 under article 5, but it belongs to 1"},
		{"claim of a missing article", func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketIndex).Put(indexKey(7, 2), nil)
			return put(bucketClaims, idKey(2), strings.Replace(claim(), `"article_id":1`, `"article_id":7`, 1))(tx)
		}, "claim 2: article 7 does not exist"},
		{"claim under the wrong key", func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketIndex).Put(indexKey(1, 3), nil)
			return put(bucketClaims, idKey(3), claim())(tx)
		}, "claim 2 is stored under key 3"},
		{"undecodable claim", put(bucketClaims, idKey(1), `{"id":1,`), "claim 1: the database file is damaged: a record does not decode"},
		{"short claim key", put(bucketClaims, []byte{1, 2}, claim()), "claim key 0102 is 2 bytes, not 8"},
		{"short index key", put(bucketIndex, []byte{0, 1}, ""), "article index key 0001 is 2 bytes, not 16"},
		{"unknown origin", put(bucketClaims, idKey(1),
			`{"id":1,"article_id":1,"start":7,"end":13,"quote":"denied","label":"denial","origin":"guessed"}`,
		), `claim 1: unknown origin "guessed"`},
		{"article text does not match its hash", func(tx *bolt.Tx) error {
			var a Article
			if _, err := getJSON(tx.Bucket(bucketArticles), idKey(1), &a); err != nil {
				return err
			}
			a.Text = "Peskov denied it!"
			return putJSON(tx.Bucket(bucketArticles), idKey(1), a)
		}, "article 1: text does not match its hash"},
		{"article missing from the hash index", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketHashes).ForEach(func(k, _ []byte) error { return tx.Bucket(bucketHashes).Delete(k) })
		}, "article 1: missing from the hash index"},
		{"hash entry of a missing article", put(bucketHashes, []byte("abc"), string(idKey(4))), "hash index entry abc points to article 4, which does not exist"},
		{"label with a bad colour", put(bucketLabels, []byte("odd"), `{"name":"odd","colour":"blue"}`), `label "odd": invalid: label "odd": colour "blue"`},
		{"label under the wrong key", put(bucketLabels, []byte("odd"), `{"name":"even","colour":"#000000"}`), `label "even" is stored under key "odd"`},
		{"hotkey shared", put(bucketLabels, []byte("threat"), `{"name":"threat","colour":"#000000","hotkey":"1"}`), `share hotkey 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := newClosedStore(t)
			rawUpdate(t, path, tt.mutate)
			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			wantErr(t, s.Check(), ErrDamaged, tt.says)
		})
	}
}

func TestCheckCleanStore(t *testing.T) {
	s := openTestStore(t)
	art := mustAddArticle(t, s, seedText(t))
	mustAddClaim(t, s, art, "Kremlin on Wednesday denied", "denial")
	if err := s.Check(); err != nil {
		t.Errorf("Check of a clean store: %v", err)
	}
}

func TestCheckCapsItsReport(t *testing.T) {
	path := newClosedStore(t)
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		for id := uint64(100); id < 100+maxProblems+20; id++ {
			if err := tx.Bucket(bucketIndex).Put(indexKey(1, id), nil); err != nil {
				return err
			}
		}
		return nil
	})
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Check()
	wantErr(t, err, ErrDamaged, "… and 20 more")
	if lines := strings.Count(err.Error(), "\n") + 1; lines != maxProblems+1 {
		t.Errorf("the report has %d lines, want %d", lines, maxProblems+1)
	}
}
