package importer

import (
	"fmt"
	"time"

	"claimdesk/app/dataset"
	"claimdesk/storage"
)

// Articles go to the store in batches, one transaction and so one fsync
// for each: an fsync costs more than storing a seed-sized article, and a
// transaction per article made a corpus of tens of thousands a matter of
// minutes. A batch is committed when it reaches one of its limits, and when
// the import ends. Nothing is reported, nor does Import return, before the
// commit, so every article the report names survives a crash.
var defaultBatchLimits = batchLimits{articles: 200, text: 8 << 20, wait: time.Second}

// batchLimits say when a batch is committed: at this many articles, or
// bytes of text held in memory, or this long after its first article, so
// slow files (web pages to extract) do not keep the progress bar, and the
// analyst's article list, still.
type batchLimits struct {
	articles, text int
	wait           time.Duration
}

// batch is the articles waiting for one transaction.
type batch struct {
	limits batchLimits
	items  []storage.ImportItem
	docs   []*pendingDoc // docs[i] learns what became of items[i]
	text   int
	began  time.Time
}

func (b *batch) add(item storage.ImportItem, d *pendingDoc) {
	if len(b.items) == 0 {
		b.began = time.Now()
	}
	b.items = append(b.items, item)
	b.docs = append(b.docs, d)
	b.text += len(item.Article.Text)
}

// full reports whether the batch should be committed now.
func (b *batch) full() bool {
	n, l := len(b.items), b.limits
	return n >= l.articles || b.text >= l.text || (n > 0 && time.Since(b.began) >= l.wait)
}

// commit stores the batch in one transaction and settles each article.
// The error, a failure of the store, means none of them landed.
func (b *batch) commit(store *storage.Store) error {
	if len(b.items) == 0 {
		return nil
	}
	results, err := store.ImportArticles(b.items)
	if err != nil {
		return fmt.Errorf("import %s: %w", b.where(), err)
	}
	for i, r := range results {
		b.docs[i].settle(r)
	}
	*b = batch{limits: b.limits} // let the texts go
	return nil
}

// where names the batch's articles for an error.
func (b *batch) where() string {
	first, last := b.docs[0], b.docs[len(b.docs)-1]
	if len(b.docs) == 1 {
		return dataset.Location(first.path, first.line)
	}
	return fmt.Sprintf("%s to %s (%d articles)", dataset.Location(first.path, first.line), dataset.Location(last.path, last.line), len(b.docs))
}

// flush commits the batch and releases what it settled.
func (im *job) flush() error {
	if err := im.batch.commit(im.store); err != nil {
		return err
	}
	im.release()
	return nil
}

// release writes to the report, and tells progress of, the files at the
// front of the queue whose articles are all settled, in file order.
func (im *job) release() {
	for len(im.queue) > 0 && im.queue[0].done() {
		u := im.queue[0]
		im.queue[0] = nil
		im.queue = im.queue[1:]
		u.writeTo(&im.report)
		if im.opts.Progress != nil {
			im.opts.Progress(u.index, im.total, u.path)
		}
	}
}

// abort ends an import the store failed: the report keeps what landed and
// what was decided without the store, and err says what stopped it.
func (im *job) abort(err error) (Report, error) {
	for _, u := range im.queue {
		u.writeTo(&im.report)
	}
	im.queue = nil
	return im.report, err
}
