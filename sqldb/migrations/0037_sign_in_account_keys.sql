-- Accounts are now counted by the hash of the name typed (signInKeys):
-- the rows kept under the name as typed, which may be a password typed
-- in the name field, go. Their counts start again.
DELETE FROM sign_in_failures WHERE key LIKE 'account:%';
