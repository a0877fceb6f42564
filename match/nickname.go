package match

import (
	"embed"
	"slices"
	"strings"
)

// nicknameFiles are the nickname lists (see nicknames/README.md): rows
// name1,has_nickname,name2.
//
//go:embed nicknames/*.csv
var nicknameFiles embed.FS

// simNickname is the similarity of a name and its nickname or short form.
const simNickname = 0.9

// nicknameGroups maps a normalised given name to the groups it belongs
// to: a full name and all its nicknames form one group.
var nicknameGroups = loadNicknames()

func loadNicknames() map[string][]uint16 {
	groups := map[string][]uint16{}
	ids := map[string]uint16{}
	entries, err := nicknameFiles.ReadDir("nicknames")
	if err != nil {
		panic("match: nickname lists: " + err.Error())
	}
	for _, e := range entries {
		data, err := nicknameFiles.ReadFile("nicknames/" + e.Name())
		if err != nil {
			panic("match: nickname lists: " + err.Error())
		}
		for _, line := range strings.Split(string(data), "\n") {
			c := strings.Split(strings.TrimSpace(line), ",")
			if len(c) != 3 || c[1] != "has_nickname" {
				continue
			}
			full, nick := nicknameKey(c[0]), nicknameKey(c[2])
			if full == "" || nick == "" || full == nick {
				continue
			}
			id, ok := ids[full]
			if !ok {
				id = uint16(len(ids))
				ids[full] = id
				groups[full] = append(groups[full], id)
			}
			if !slices.Contains(groups[nick], id) {
				groups[nick] = append(groups[nick], id)
			}
		}
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	return groups
}

// nicknameKey returns a name of a list as the matcher's tokens read it.
func nicknameKey(s string) string {
	p, _ := translitBoth(strings.TrimSpace(s), 0)
	return p
}

// shareGroup reports whether two sorted lists of nickname groups meet:
// the names are a name and its nickname, or two nicknames of one name.
func shareGroup(ga, gb []uint16) bool {
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] == gb[j]:
			return true
		case ga[i] < gb[j]:
			i++
		default:
			j++
		}
	}
	return false
}
