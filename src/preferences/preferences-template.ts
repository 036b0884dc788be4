/** The commented preferences note written when `_jasque/` exists without one. */
export const PREFERENCES_TEMPLATE = `---
# Jasque reads this note before each chat. Remove a line to use its default.
# How Jasque writes dates and times (Moment.js tokens, as in Obsidian's settings).
date_format: YYYY-MM-DD
time_format: HH:mm
# Where new notes of each kind go (folders from the vault root). Uncomment to use.
default_folders:
  # meeting_notes: Meetings
  # daily_notes: Daily Notes
  # projects: Projects
response_style:
  verbosity: concise # concise, balanced or detailed
  use_bullet_points: true
  include_timestamps: false
# Folders that searches skip (from the vault root). A search whose path points inside one still works.
search_exclude_folders:
  - copilot
---
%% Below this comment, write what Jasque should always keep in mind: who you are, how this vault is organised, your conventions. %%
`
