// Who is signed in. The shell (app.js) and the sign-in page both read and change it here, so that neither imports
// the other: the dashboard's imports have no cycle (DashboardImportGraphTest checks it).
import { clearCache } from './api.js';

/** The signed-in user ({@code name}, {@code role}) as the API's /session returns it, or null. */
export const session = { user: null };

/** Records a successful sign-in; answers cached for the previous user are dropped. */
export function signedIn(user) {
  session.user = user;
  clearCache();
}

/** Forgets the user and the answers cached for them. */
export function signedOut() {
  session.user = null;
  clearCache();
}
