package storage

import "encoding/binary"

// Bucket names. Keys of articles and claims are 8-byte big-endian ids so
// that cursors walk in id order; the index bucket's keys are
// article-id|claim-id, so one article's claims are one prefix scan. The
// claims' bucket keeps its first name, "annotations", so stores made before
// the code said "claim" open unchanged.
var (
	bucketArticles = []byte("articles")
	bucketClaims   = []byte("annotations")
	bucketIndex    = []byte("article_annotations")
	bucketHashes   = []byte("article_hashes")
	bucketLabels   = []byte("labels")
	bucketMeta     = []byte("meta")
	allBuckets     = [][]byte{bucketArticles, bucketClaims, bucketIndex, bucketHashes, bucketLabels, bucketMeta}
)

var keySchemaVersion = []byte("schema_version")

func idKey(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

func keyID(k []byte) uint64 { return binary.BigEndian.Uint64(k) }

func indexKey(articleID, claimID uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, articleID)
	binary.BigEndian.PutUint64(k[8:], claimID)
	return k
}
