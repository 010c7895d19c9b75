-- wrk script: each request asks /api/search one question from a list, never the same twice in a
-- row. Settings come from the environment (wrk passes no arguments to init):
--   KB_QUESTIONS  file of URL-encoded questions, one per line (bench/medquad-corpus.sh writes one)
--   KB_FROM       index of the first question to use (0-based), so rounds can use disjoint slices
--   KB_COUNT      how many questions to rotate through (300 for the "rotating" runs)
--   KB_MODE       keyword or hybrid; empty for the server's default
--   KB_LIMITS     "vary" to ask pages of 1 to 50 hits in turn: each is another answer to compute
--                 (none is in the answer cache), for warming up the whole search path
-- Each wrk thread walks its own share of the slice (thread i takes questions i, i+T, i+2T ...), so
-- with KB_COUNT at least the number of requests made, no question is asked twice in a run.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = os.getenv("KB_QUESTIONS") or "/tmp/medquad/questions.txt"
  local from = tonumber(os.getenv("KB_FROM") or "0")
  local count = tonumber(os.getenv("KB_COUNT") or "300")
  local mode = os.getenv("KB_MODE") or ""
  local stride = tonumber(os.getenv("KB_THREADS") or "2")
  local all = {}
  for line in io.lines(file) do
    all[#all + 1] = line
  end
  questions = {}
  for i = from + id, math.min(#all - 1, from + count - 1), stride do
    questions[#questions + 1] = all[i + 1]
  end
  suffix = (mode ~= "" and ("&mode=" .. mode) or "")
  vary = os.getenv("KB_LIMITS") == "vary"
  next_question = 0
  asked = 0
end

function request()
  next_question = next_question + 1
  if next_question > #questions then
    next_question = 1
  end
  asked = asked + 1
  local limit = vary and (1 + asked % 50) or 10
  return wrk.format("GET", "/api/search?q=" .. questions[next_question] .. "&limit=" .. limit .. suffix)
end
