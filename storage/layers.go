package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// An annotator's layer is every claim stored under their name. A team
// folder exchanges layers whole: Layer reads one for writing out, and
// ReplaceLayer puts a layer read back in place of the store's copy, in one
// transaction, leaving every other annotator's claims alone.

// LayerArticle is one article of a layer with that layer's claims in it.
// The article is known by its text's hash (Article.SHA256); its Text is
// needed only where the store lacks the article and must add it.
type LayerArticle struct {
	Article Article
	Claims  []Claim
}

// LayerReplacement counts what ReplaceLayer changed. Claims that were
// already stored as given are kept under their ids, so replacing a layer by
// itself writes nothing.
type LayerReplacement struct {
	ArticlesAdded int
	ClaimsAdded   int
	ClaimsRemoved int
	ClaimsKept    int
	StatusesSet   int // articles where the layer moved the annotator's status
}

// Changed reports whether the replacement changed anything.
func (r LayerReplacement) Changed() bool {
	return r.ArticlesAdded+r.ClaimsAdded+r.ClaimsRemoved+r.StatusesSet > 0
}

// Layer returns every article of the store, in id order and with its text,
// each with the claims annotator made in it, in text order. Articles where
// the annotator made none are listed too: a team shares articles before
// anyone labels them.
func (s *Store) Layer(annotator string) ([]LayerArticle, error) {
	annotator = strings.TrimSpace(annotator)
	if annotator == "" {
		return nil, invalidf("a layer needs an annotator's name")
	}
	var out []LayerArticle
	err := s.view(func(tx *bolt.Tx) error {
		byArticle := map[uint64][]Claim{}
		err := eachLayerClaim(tx, annotator, func(c Claim) {
			byArticle[c.ArticleID] = append(byArticle[c.ArticleID], c)
		})
		if err != nil {
			return err
		}
		return eachRecord(tx.Bucket(bucketArticles), func(a Article) error {
			claims := byArticle[a.ID]
			SortInTextOrder(claims)
			status, err := layerStatus(tx, a.ID, annotator)
			if err != nil {
				return err
			}
			a.Status = status
			out = append(out, LayerArticle{Article: a, Claims: claims})
			return nil
		})
	})
	return out, err
}

// ReplaceLayer makes the store's claims of annotator exactly the given
// ones, in one transaction: all of it lands or none. An article the store
// lacks is added from the LayerArticle (its Text must hash to its SHA256);
// a claim equal to a stored one of the layer (same article, span, label,
// speaker, target and note) keeps its id; stored claims of the layer not
// given are removed, in every article. Each claim's Annotator is set to
// annotator. A refused claim or article names its place and nothing is
// stored.
func (s *Store) ReplaceLayer(annotator string, articles []LayerArticle) (LayerReplacement, error) {
	var (
		result  LayerReplacement
		changes []Change
	)
	annotator = strings.TrimSpace(annotator)
	if annotator == "" {
		return result, invalidf("a layer needs an annotator's name")
	}
	err := s.update(func(tx *bolt.Tx) error {
		given := 0
		for _, la := range articles {
			given += len(la.Claims)
		}
		// A layer can be 100,000 claims: growing the list of changes a
		// claim at a time would copy it over and over.
		result, changes = LayerReplacement{}, make([]Change, 0, given+len(articles))
		stored := map[layerKey][]Claim{}
		err := eachLayerClaim(tx, annotator, func(c Claim) {
			k := keyOfLayerClaim(c)
			stored[k] = append(stored[k], c)
		})
		if err != nil {
			return err
		}
		for i, la := range articles {
			art, added, err := layerArticle(tx, la.Article)
			if err != nil {
				return fmt.Errorf("article %d of %d: %w", i+1, len(articles), err)
			}
			if added {
				result.ArticlesAdded++
				changes = append(changes, Change{Kind: ArticleAdded, Article: summarise(art, 0)})
			}
			if changed, err := putLayerStatus(tx, art.ID, annotator, la.Article.Status); err != nil {
				return fmt.Errorf("article %q (%s): %w", art.Title, art.SHA256, err)
			} else if changed {
				result.StatusesSet++
				art.Status = summaryStatus(tx, art.ID)
				changes = append(changes, Change{Kind: ArticleUpdated, Article: summarise(art, claimCount(tx, art.ID))})
			}
			var fresh []Claim
			for _, c := range la.Claims {
				c.ArticleID, c.Annotator, c.ID = art.ID, annotator, 0
				k := keyOfLayerClaim(c)
				if same := stored[k]; len(same) > 0 {
					stored[k] = same[1:]
					result.ClaimsKept++
					continue
				}
				fresh = append(fresh, c)
			}
			checked, err := insertClaims(tx, art, fresh)
			if err != nil {
				return fmt.Errorf("article %q (%s): %w", art.Title, art.SHA256, err)
			}
			result.ClaimsAdded += len(checked)
			for _, c := range checked {
				changes = append(changes, Change{Kind: ClaimAdded, Claim: c})
			}
		}
		var removed []Claim
		for _, left := range stored {
			for _, sc := range left {
				removed = append(removed, sc)
				changes = append(changes, Change{Kind: ClaimDeleted, Claim: sc})
			}
		}
		result.ClaimsRemoved = len(removed)
		return deleteClaims(tx, removed)
	})
	if err != nil {
		return LayerReplacement{}, err
	}
	s.notify(changes...)
	return result, nil
}

// layerKey is what makes two claims of one layer the same claim.
type layerKey struct {
	article                      uint64
	start, end                   int
	label, speaker, target, note string
}

func keyOfLayerClaim(c Claim) layerKey {
	return layerKey{c.ArticleID, c.Start, c.End, strings.TrimSpace(c.Label), c.Speaker, c.Target, c.Note}
}

// LayerFingerprint is a hash of everything Layer(annotator) returns, taken
// from the stored bytes without decoding them: every article record,
// every status record (the layer carries its annotator's) and every claim
// record of the annotator. Equal fingerprints mean the layer
// did not change, so a team sync need not read and write it again.
func (s *Store) LayerFingerprint(annotator string) (string, error) {
	h := sha256.New()
	prefix := annotatorPrefix(annotator)
	every := func([]byte) bool { return true }
	err := s.view(func(tx *bolt.Tx) error {
		for _, part := range []struct {
			bucket []byte
			keep   func(record []byte) bool
		}{
			{bucketArticles, every},
			{bucketStatus, every},
			{bucketClaims, func(record []byte) bool { return isAnnotatorsRecord(record, prefix, annotator) }},
		} {
			err := tx.Bucket(part.bucket).ForEach(func(k, v []byte) error {
				if part.keep(v) {
					h.Write(k)
					h.Write(v)
				}
				return nil
			})
			if err != nil {
				return err
			}
			h.Write([]byte{0})
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// layerArticle finds the article a layer names by hash, or adds it when its
// text came along; added says which.
func layerArticle(tx *bolt.Tx, a Article) (Article, bool, error) {
	hash := a.SHA256
	if hash == "" && a.Text != "" {
		hash = HashText(a.Text)
	}
	if hash == "" {
		return Article{}, false, invalidf("an article of a layer has neither text nor hash")
	}
	art, ok, err := articleByHash(tx, hash)
	if err != nil || ok {
		return art, false, err
	}
	if a.Text == "" {
		return Article{}, false, invalidf("article %s is not in the store and came without its text", hash)
	}
	a.ID = 0
	// The status a layer carries is its annotator's (ReplaceLayer records
	// it as theirs), not this store's unnamed analyst's.
	a.Status = StatusNew
	prepared, _, err := prepareArticle(a, true)
	if err != nil {
		return Article{}, false, err
	}
	if prepared.SHA256 != hash {
		return Article{}, false, invalidf("the text given for article %s hashes to %s", hash, prepared.SHA256)
	}
	if err := writeArticle(tx, &prepared, nil); err != nil {
		return Article{}, false, err
	}
	return prepared, true, nil
}

// eachLayerClaim calls fn with every claim of annotator. Whose a record
// is shows in its first bytes (claimrecord.go), so the records of other
// annotators are not decoded at all: a layer of 100,000 claims among
// 300,000 decodes a third of them.
func eachLayerClaim(tx *bolt.Tx, annotator string, fn func(Claim)) error {
	prefix := annotatorPrefix(annotator)
	return tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
		if !isAnnotatorsRecord(v, prefix, annotator) {
			return nil
		}
		c, err := decodeClaim(k, v)
		if err != nil {
			return err
		}
		if c.Annotator == annotator {
			fn(c)
		}
		return nil
	})
}

// ClaimsFingerprints gives, for each annotator named, a hash of the stored
// bytes of their claims, from one pass over the claims without decoding
// them: equal fingerprints mean the store's copy of that layer did not
// change, whatever happened to articles or to other layers.
func (s *Store) ClaimsFingerprints(annotators ...string) (map[string]string, error) {
	hashes := make([]hash.Hash, len(annotators))
	prefixes := make([][]byte, len(annotators))
	for i, a := range annotators {
		hashes[i], prefixes[i] = sha256.New(), annotatorPrefix(a)
	}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClaims).ForEach(func(k, v []byte) error {
			for i, prefix := range prefixes {
				if isAnnotatorsRecord(v, prefix, annotators[i]) {
					hashes[i].Write(k)
					hashes[i].Write(v)
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(annotators))
	for i, a := range annotators {
		out[a] = hex.EncodeToString(hashes[i].Sum(nil))
	}
	return out, nil
}

// layerStatus is where annotator stands with an article, as their layer
// tells the team (Standing).
func layerStatus(tx *bolt.Tx, articleID uint64, annotator string) (Status, error) {
	statuses, err := statusesOf(tx, articleID)
	return Standing(statuses, func(name string) bool { return name == annotator }), err
}

// putLayerStatus records the status a layer gives annotator on an article
// when it differs from what the store holds, and says whether it did. A
// layer without a status leaves the stored one.
func putLayerStatus(tx *bolt.Tx, articleID uint64, annotator string, status Status) (bool, error) {
	if status == "" {
		return false, nil
	}
	if !status.Valid() {
		return false, invalidf("unknown status %q", status)
	}
	var held statusRecord
	if ok, err := getJSON(tx.Bucket(bucketStatus), statusKey(articleID, annotator), &held); err != nil || ok && held.Status == status {
		return false, err
	}
	if status == StatusNew {
		if held, _ := layerStatus(tx, articleID, annotator); held == StatusNew {
			return false, nil // nothing to record: new is where everyone starts
		}
	}
	return true, putStatus(tx, articleID, annotator, statusRecord{Status: status, Set: time.Now().UTC()})
}
