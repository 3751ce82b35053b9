-- The language server in Neovim's built-in LSP client (Debian's Neovim 0.7.2, headless).
-- Run by tests/editors/neovim.sh:
--   CC_ROOT=/repo timeout 60 nvim --headless --clean -c 'luafile neovim.test.lua' -c 'cquit 2'
-- Opens the example concept document and checks what a user would see: diagnostics
-- (codes and ranges), hover text, completion after `@`, and that an edit updates the
-- diagnostics. Prints one line per check and "N passed, N failed"; exits 0 only if all pass.

local root = assert(os.getenv('CC_ROOT'), 'CC_ROOT must point at the repository')
local example = root .. '/examples/eeu-digital-customs.concept.md'
local server = { os.getenv('CC_NODE') or 'node', root .. '/bin/customs-concepts-language-server.js', '--stdio' }
local WAIT_MS = 15000

local passed, failed = 0, 0
local function out(line) io.stdout:write(line .. '\n') io.stdout:flush() end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('ok - ' .. name)
  else
    failed = failed + 1
    out('not ok - ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end

-- Diagnostics of a buffer as "code line:col-line:col" in LSP positions (0-based, UTF-16).
-- Neovim keeps byte columns: they are converted back with the buffer's text, so the
-- check covers the server's ranges and Neovim's placement of them.
local function utf16_col(bufnr, lnum, byte_col)
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(line, math.min(byte_col, #line))
  return utf16
end

local function lsp_diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    list[#list + 1] = string.format('%s %d:%d-%d:%d', d.code, d.lnum, utf16_col(bufnr, d.lnum, d.col), d.end_lnum, utf16_col(bufnr, d.end_lnum, d.end_col))
  end
  return list
end

local function has(list, item)
  for _, x in ipairs(list) do if x == item then return true end end
  return false
end

-- Neovim's own diagnostic (byte columns) whose LSP code and start line match.
local function find_diagnostic(bufnr, code, lnum, col)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code and d.lnum == lnum and d.col == col then return d end
  end
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(example))
  local bufnr = vim.api.nvim_get_current_buf()
  local exited = false
  local client_id = vim.lsp.start_client({
    name = 'customs-concepts',
    cmd = server,
    root_dir = root .. '/examples',
    workspace_folders = { { uri = vim.uri_from_fname(root .. '/examples'), name = 'examples' } },
    flags = { debounce_text_changes = 0 },
    on_exit = function() exited = true end,
  })
  if not check('server starts', client_id ~= nil) then return end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local t0 = vim.loop.hrtime()
  local stable = {
    'undefined-term 28:8-28:26', -- «electronic customs»: the text between the guillemets
    'undefined-term 28:38-28:50', -- «smart border»
    'unknown-instrument 38:55-38:69', -- @wco-datamodel
  }
  local got = vim.wait(WAIT_MS, function()
    local l = lsp_diagnostics(bufnr)
    for _, s in ipairs(stable) do if not has(l, s) then return false end end
    return true
  end, 20)
  out(string.format('# diagnostics after %d ms', (vim.loop.hrtime() - t0) / 1e6))
  local list = lsp_diagnostics(bufnr)
  for _, s in ipairs(stable) do
    check('diagnostic ' .. s, has(list, s), got and nil or ('got: ' .. table.concat(list, ', ')))
  end
  -- Neovim places diagnostics in bytes: « is two bytes in UTF-8, one UTF-16 unit.
  local d = find_diagnostic(bufnr, 'undefined-term', 28, 9)
  check('«electronic customs» squiggle covers bytes 9-27 of line 29', d ~= nil and d.end_col == 27 and d.severity == vim.diagnostic.severity.ERROR,
    d and vim.inspect({ d.col, d.end_col, d.severity }) or 'not found')
  d = find_diagnostic(bufnr, 'undefined-term', 28, 41)
  check('«smart border» squiggle covers bytes 41-53 of line 29', d ~= nil and d.end_col == 53, d and vim.inspect({ d.col, d.end_col }) or 'not found')

  -- Hover on «digital customs» (line 33).
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = 32, character = 10 } }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, WAIT_MS) or {}
  local hover = res[client_id] and res[client_id].result
  local text = hover and table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.contents), '\n') or ''
  check('hover shows the definition of «digital customs»', text:find('organisation of customs administration', 1, true) ~= nil, text:sub(1, 200))

  -- Completion after `@` in "and @safe-fos" (line 34): instrument ids.
  params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    position = { line = 33, character = 5 },
    context = { triggerKind = 2, triggerCharacter = '@' },
  }
  res = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, WAIT_MS) or {}
  local result = res[client_id] and res[client_id].result
  local items = vim.lsp.util.extract_completion_items(result or {})
  local labels = {}
  for _, it in ipairs(items) do labels[#labels + 1] = it.label end
  check('completion after @ offers rkc, safe-fos and wco-dm', has(labels, 'rkc') and has(labels, 'safe-fos') and has(labels, 'wco-dm'),
    table.concat(labels, ' '):sub(1, 200))

  -- The concept overview, as the README tells Neovim users to call it.
  res = vim.lsp.buf_request_sync(bufnr, 'customsConcepts/conceptOverview', { textDocument = vim.lsp.util.make_text_document_params(bufnr) }, WAIT_MS) or {}
  local overview = res[client_id] and res[client_id].result
  local states, terms = {}, {}
  for _, s in ipairs(overview and overview.sections or {}) do states[s.id] = s.state end
  for _, t in ipairs(overview and overview.terms or {}) do terms[t.label] = t.state end
  check('overview: scope present, competencies missing', states.scope == 'present' and states.competencies == 'missing', vim.inspect(states))
  check('overview: «single window» adopted, «electronic customs» undefined', terms['single window'] == 'adopted' and terms['electronic customs'] == 'undefined', vim.inspect(terms))
  local cov = overview and overview.coverage or {}
  check('overview: 3 of 12 required sections', cov.sectionsPresent == 3 and cov.sectionsRequired == 12, vim.inspect(cov))

  -- An edit: a new line with an undefined term. Neovim sends an incremental change.
  local last = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, last, last, false, { '', 'A «quantum customs» is not defined.' })
  local expected = string.format('undefined-term %d:3-%d:18', last + 1, last + 1)
  t0 = vim.loop.hrtime()
  local updated = vim.wait(WAIT_MS, function() return has(lsp_diagnostics(bufnr), expected) end, 20)
  out(string.format('# diagnostics updated after %d ms', (vim.loop.hrtime() - t0) / 1e6))
  check('an edit adds ' .. expected, updated, table.concat(lsp_diagnostics(bufnr), ', '))
  check('the earlier diagnostics stay after the edit', has(lsp_diagnostics(bufnr), stable[1]) and has(lsp_diagnostics(bufnr), stable[3]))

  -- And removing it takes the diagnostic away again.
  vim.api.nvim_buf_set_lines(bufnr, last, last + 2, false, {})
  local removed = vim.wait(WAIT_MS, function() return not has(lsp_diagnostics(bufnr), expected) end, 20)
  check('undoing the edit removes it', removed)

  vim.lsp.stop_client(client_id)
  check('server exits on shutdown', vim.wait(5000, function() return exited end, 20))
end

local ok, err = pcall(run)
if not ok then check('test script runs without a Lua error', false, tostring(err)) end
out(string.format('neovim: %d passed, %d failed', passed, failed))
vim.cmd(failed == 0 and passed > 0 and 'qall!' or 'cquit 1')
