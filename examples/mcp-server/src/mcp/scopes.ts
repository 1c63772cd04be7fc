export const NOTES_READ = "notes:read";
export const NOTES_WRITE = "notes:write";
