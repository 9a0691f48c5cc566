-- wrk script: posts paVerifyPaymentNotice requests for random notices of
-- the positions that `pagokit ec positions --config ec.json --count 10000`
-- writes for the ec.json of the README (ente 01234567890, broker
-- 15376371009, station 15376371009_01, aux digit 3, segregation code 02),
-- and counts the answers without <outcome>OK</outcome>.
--
--   wrk -t2 -c64 -d20s -s verify.lua --latency http://127.0.0.1:8081/pagopa/paForNode
--
-- WRK_DELAY_MS=11 makes each connection wait 11 ms after an answer: with
-- 64 connections, a little over 5,000 requests/s while answers are fast.

local count = tonumber(os.getenv("WRK_NOTICES") or "10000")
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")

-- mod93 of a string of digits.
local function mod93(s)
  local r = 0
  for i = 1, #s do r = (r * 10 + tonumber(s:sub(i, i))) % 93 end
  return r
end

local bodies = {}
for n = 1, count do
  local base = string.format("02%013d", n)
  local notice = "3" .. base .. string.format("%02d", mod93("3" .. base))
  bodies[n] = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
    .. 'xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd"><soapenv:Body>'
    .. '<pafn:paVerifyPaymentNoticeReq><idPA>01234567890</idPA><idBrokerPA>15376371009</idBrokerPA>'
    .. '<idStation>15376371009_01</idStation><qrCode><fiscalCode>01234567890</fiscalCode>'
    .. '<noticeNumber>' .. notice .. '</noticeNumber></qrCode></pafn:paVerifyPaymentNoticeReq>'
    .. '</soapenv:Body></soapenv:Envelope>'
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = "paVerifyPaymentNotice"

ko = 0 -- a global of each thread, read by done through thread:get

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  return wrk.format(nil, nil, nil, bodies[math.random(1, count)])
end

function response(status, headers, body)
  if status ~= 200 or not body:find("<outcome>OK</outcome>", 1, true) then ko = ko + 1 end
end

function delay()
  return delay_ms
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("ko") or 0) end
  io.write(string.format("answers without OK: %d\n", total))
end
