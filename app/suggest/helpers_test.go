package suggest

import "claimdesk/storage"

func claimsAt(articleID uint64, start, end int) []storage.Claim {
	return []storage.Claim{{ArticleID: articleID, Start: start, End: end, Label: "denial"}}
}
