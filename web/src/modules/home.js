// The home page's order: each user sees their own mechanism's figures first. A user's seat is
// their role; a read-only viewer sits where their division scope does (a viewer of a village
// reads the home page as its clerk does). HOME_FIRST names, per seat, the cards that come first
// and in which order — a card's key ('talent-figures') or a whole module ('tickets'); every
// other card follows in the modules' own order.
import { shortCode } from '../api/index.js'

export const HOME_FIRST = {
  // a village clerk: the village's talent pool, what waits (tickets to handle), its economy
  village: ['talent-figures', 'todos', 'village-economy', 'village'],
  // a town clerk and a county officer: the to-dos, then the area's figures
  town: ['todos', 'talent', 'village', 'counts'],
  county: ['todos', 'counts', 'talent', 'party', 'village'],
  // a park's party committee (an organisation account): its party-building figures
  org: ['party', 'todos'],
  // a department: its ticket queue and the figures of its tickets
  department: ['todos', 'tickets'],
  // an enterprise: what it asked for and waits on
  enterprise: ['todos', 'tickets'],
}

const LEVEL_SEATS = { 6: 'county', 9: 'town', 12: 'village' }

/** The seat the home page is ordered for: the role, or a viewer's level of scope. */
export function homeSeat(user) {
  if (!user) return ''
  if (user.role !== 'viewer') return user.role
  return LEVEL_SEATS[shortCode(user.scope_division || '').length] || ''
}

/**
 * The dashboard cards (each { key, module, … }) in the order the user's seat wants:
 * those HOME_FIRST names, in its order, then the rest as given. Returns a new array.
 */
export function orderHomeCards(cards, user) {
  const first = HOME_FIRST[homeSeat(user)] || []
  const rank = (c) => {
    const i = first.findIndex((k) => k === c.key || k === c.module)
    return i < 0 ? first.length : i
  }
  return cards.map((c, i) => ({ c, i })).sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i).map((x) => x.c)
}
