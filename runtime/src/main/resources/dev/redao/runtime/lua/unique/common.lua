-- What every unique script reads a claim with. A claim is '<id> <deadline> <save>': the
-- claiming object, the server ms by which its write must be done, and the save that made it (a
-- number the client draws for each save). Two saves of one object are told apart by it, so that
-- one of them never takes over, confirms or gives up the other's claim (see claim.lua). Save 0
-- is no save's: a release's mark (release.lua) or a repair's fence (audit/fence.lua). A claim
-- of two parts, '<id> <deadline>', is of an older Redao: it counts as save 0.
local function parseClaim(claim)
  if not claim then return nil, nil, nil end
  local id, deadline, save = string.match(claim, '^(.*) (%d+) (%d+)$')
  if not id then
    id, deadline = string.match(claim, '^(.*) (%d+)$')
    save = '0'
  end
  return id, tonumber(deadline), save
end
