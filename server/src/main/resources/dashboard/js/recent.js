// The clients this browser opened last, most recent first.
const KEY = 'recentClients';

export function recentClients() {
  try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
}

export function remember(id) {
  const ids = [String(id), ...recentClients().filter(x => x !== String(id))].slice(0, 8);
  localStorage.setItem(KEY, JSON.stringify(ids));
}
