// A stored client's application as raw fields, rebuilt from the profile the API gives (every application column
// with its stored value), ready to be edited and sent to POST /score.
export function applicationOf(profile) {
  const application = {};
  for (const section of profile.sections) {
    for (const f of section.fields) {
      if (f.column !== 'TARGET' && f.raw !== null && f.raw !== undefined) application[f.column] = f.raw;
    }
  }
  application.SK_ID_CURR = profile.summary.clientId;
  return application;
}

export const DAYS_PER_YEAR = 365.25;
/** DAYS_EMPLOYED's code for "not employed / retired". */
export const NOT_EMPLOYED = 365243;
