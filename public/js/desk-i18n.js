// The desk's words: its own (desk-words.js), and what the public page prints for statuses, stages
// and impacts, served by the server from its own tables so the preview reads exactly as the page.
export { PUBLIC } from '/js/public-words.js';
export { UI, storyFormats, duration } from './desk-words.js';
