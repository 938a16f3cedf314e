-- wrk.lua — the requests of `make bench` (scripts/bench.sh), chosen by environment:
--   BENCH_MODE   fixed        the URL given to wrk, as is
--                get-person   GET /api/v1/persons/{id}, id uniform in 1..BENCH_ROWS
--                post-person  POST /api/v1/persons, a new valid person per request
--   BENCH_TOKEN  API token sent as "Authorization: Bearer …" (none when empty)
--   BENCH_ROWS   N for get-person
--   BENCH_ID_BASE  post-person: first sequence number of this run; each of wrk's threads takes
--                500,000 from there, a warm-up (BENCH_WARMUP_RUN=1) the next 1,000,000, so
--                runs on the same database need bases 2,000,000 apart
--   BENCH_VILLAGES  post-person: file with one 12-digit village code a line
-- done() prints one line for the script to read:
--   BENCH_RESULT <req/s> <p50 µs> <p99 µs> <requests> <non-2xx/3xx> <socket errors>

local mode = os.getenv("BENCH_MODE") or "fixed"
local token = os.getenv("BENCH_TOKEN") or ""
local rows = tonumber(os.getenv("BENCH_ROWS") or "1000")

local next_tid = 0
function setup(thread)
	thread:set("tid", next_tid)
	next_tid = next_tid + 1
end

wrk.headers["Accept"] = "application/json"
if token ~= "" then
	wrk.headers["Authorization"] = "Bearer " .. token
end

-- ---- post-person ----
local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local check_chars = "10X98765432"

local function check_char(s17)
	local sum = 0
	for i = 1, 17 do
		sum = sum + (s17:byte(i) - 48) * weights[i]
	end
	local k = sum % 11 + 1
	return check_chars:sub(k, k)
end

local surnames = { "王", "李", "张", "刘", "陈", "杨", "黄", "吴", "罗", "韦", "潘", "莫", "蒙", "石", "龙" }
local male = { "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚" }
local female = { "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "英", "燕" }
local educations = { "primary", "junior", "senior", "college", "bachelor", "master", "doctor" }
local statuses = { "masses", "member", "league" }
local villages = { "522726111200" }
local counter, base = 0, 0

-- the k-th ID number of this run: region 520102 (贵阳市南明区, never used by the generated
-- data, so no clash with it), birth date 1971-01-01 + k/1000 days, sequence k mod 1000
local function id_number(k)
	local day = math.floor(k / 1000)
	local seq = k % 1000
	local birth = os.date("!%Y%m%d", 31536000 + day * 86400)
	local s17 = string.format("520102%s%03d", birth, seq)
	return s17 .. check_char(s17), birth, seq % 2 == 1
end

function init(args)
	local t = tid or 0
	math.randomseed(20240 + t * 7919)
	if mode == "post-person" then
		base = tonumber(os.getenv("BENCH_ID_BASE") or "0") + t * 500000
		if os.getenv("BENCH_WARMUP_RUN") == "1" then
			base = base + 1000000
		end
		local f = io.open(os.getenv("BENCH_VILLAGES") or "", "r")
		if f then
			villages = {}
			for line in f:lines() do
				if #line == 12 then
					villages[#villages + 1] = line
				end
			end
			f:close()
		end
		wrk.headers["Content-Type"] = "application/json"
	end
end

local function pick(a)
	return a[math.random(#a)]
end

-- no request() in fixed mode: wrk then builds the request once, not once per request
local function dynamic_request()
	if mode == "get-person" then
		return wrk.format("GET", "/api/v1/persons/" .. math.random(rows))
	elseif mode == "post-person" then
		local id, birth, is_male = id_number(base + counter)
		counter = counter + 1
		local body = string.format(
			'{"name":"%s%s","gender":"%s","id_number":"%s","birth_date":"%s-%s-%s",' ..
			'"phone":"1%d%09d","education":"%s","political_status":"%s","division_code":"%s"}',
			pick(surnames), pick(is_male and male or female), is_male and "male" or "female",
			id, birth:sub(1, 4), birth:sub(5, 6), birth:sub(7, 8),
			math.random(3, 9), math.random(0, 999999999),
			pick(educations), pick(statuses), pick(villages))
		return wrk.format("POST", "/api/v1/persons", nil, body)
	end
end

if mode ~= "fixed" then
	request = dynamic_request
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("BENCH_RESULT %.1f %d %d %d %d %d\n",
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(99), summary.requests,
		e.status, e.connect + e.read + e.write + e.timeout))
end
