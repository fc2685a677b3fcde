-- wrk script: POST /v23.0/{phone}/messages text sends spread round-robin over
-- many phone numbers (Meta: 80 msg/s per number) and recipients (Meta: pair
-- rate 1 per 6 s per user, bursts of 45), so the load stays inside the limits.
-- usage: wrk ... -s send.lua URL -- PHONES_FILE CUSTOMERS_FILE TOKEN [text|template]
-- (template: Meta's stock hello_world, which needs no open service window)
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

local function read_lines(path)
  local t = {}
  for line in io.lines(path) do
    if #line > 0 then t[#t + 1] = line end
  end
  return t
end

function init(args)
  local phones = read_lines(args[1])
  customers = read_lines(args[2])
  headers = { ["Authorization"] = "Bearer " .. args[3], ["Content-Type"] = "application/json" }
  paths = {}
  for k, p in ipairs(phones) do paths[k] = "/v23.0/" .. p .. "/messages" end
  -- Threads start far apart in the (number, recipient) sequence.
  n = (tid or 0) * 1000003
  kind = args[4] or "text"
end

function request()
  n = n + 1
  local np = #paths
  local path = paths[(n % np) + 1]
  local to = customers[(math.floor(n / np) % #customers) + 1]
  local body
  if kind == "template" then
    body = '{"messaging_product":"whatsapp","recipient_type":"individual","to":"' .. to ..
        '","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}'
  else
    body = '{"messaging_product":"whatsapp","recipient_type":"individual","to":"' .. to ..
        '","type":"text","text":{"body":"wasim bench message ' .. n .. '"}}'
  end
  return wrk.format("POST", path, headers, body)
end
