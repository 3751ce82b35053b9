;;; emacs-eglot.el --- The language server in Emacs 28 + Eglot, in batch mode  -*- lexical-binding: t -*-

;; Run by tests/editors/emacs-eglot.sh:
;;   CC_ROOT=/repo timeout 60 emacs --batch -Q -l emacs-eglot.el
;; Opens the example concept document and checks what a user would see: diagnostics
;; (codes and ranges) in Flymake, hover text, completion after `@' through Eglot's
;; completion-at-point, and that an edit updates the diagnostics.
;; Prints one line per check and "N passed, N failed"; exits 0 only if all pass.
;;
;; Batch mode has no idle time, so what Emacs does on idle timers is done by hand:
;; `flymake-start' after opening, `eglot--signal-textDocument/didChange' after an edit.

(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(defvar cc-root (or (getenv "CC_ROOT") (error "CC_ROOT must point at the repository")))
(defvar cc-example (expand-file-name "examples/eeu-digital-customs.concept.md" cc-root))
(defvar cc-wait 15 "Seconds to wait for the server at each step.")
(defvar cc-passed 0)
(defvar cc-failed 0)

;; Debian's Emacs has no markdown-mode: a stand-in with the same name, so that the
;; `eglot-server-programs' entry below is the one a user with markdown-mode writes.
(unless (fboundp 'markdown-mode)
  (define-derived-mode markdown-mode text-mode "Markdown"))
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(add-to-list 'eglot-server-programs
             `((markdown-mode :language-id "markdown")
               . (,(or (getenv "CC_NODE") "node")
                  ,(expand-file-name "bin/customs-concepts-language-server.js" cc-root) "--stdio")))

(defun cc-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun cc-check (name ok &optional detail)
  (if ok
      (progn (cl-incf cc-passed) (cc-out "ok - %s" name))
    (cl-incf cc-failed)
    (cc-out "not ok - %s%s" name (if detail (format ": %s" detail) "")))
  ok)

(defun cc-wait-until (pred)
  "Processes server output until PRED is non-nil or `cc-wait' seconds pass."
  (let ((deadline (+ (float-time) cc-wait)) result)
    (while (and (not (setq result (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    result))

(defun cc-lsp-position (pos)
  "POS as \"line:character\", 0-based; `current-column' counts characters, which are
UTF-16 units for the text of the example (no characters outside the BMP)."
  (save-excursion
    (goto-char pos)
    (format "%d:%d" (1- (line-number-at-pos)) (current-column))))

(defun cc-diagnostics ()
  "Flymake's diagnostics of the current buffer as \"code line:col-line:col\"."
  (mapcar (lambda (d)
            (let ((code (and (string-match "\\[\\([a-z-]+\\)\\]" (flymake-diagnostic-text d))
                             (match-string 1 (flymake-diagnostic-text d)))))
              (format "%s %s-%s" code
                      (cc-lsp-position (flymake-diagnostic-beg d))
                      (cc-lsp-position (flymake-diagnostic-end d)))))
          (flymake-diagnostics)))

(defun cc-has-all (items)
  (let ((diags (cc-diagnostics)))
    (cl-every (lambda (x) (member x diags)) items)))

(defun cc-run ()
  (find-file cc-example)
  (cc-check "the example opens in markdown-mode" (eq major-mode 'markdown-mode))
  (let* ((start (float-time))
         (eglot-sync-connect cc-wait)
         (contact (eglot--guess-contact)))
    (apply #'eglot contact)
    (cc-check "eglot manages the buffer" (cc-wait-until (lambda () eglot--managed-mode)))
    (flymake-mode 1)
    (flymake-start)
    (let* ((stable '("undefined-term 28:8-28:26"      ; «electronic customs»
                     "undefined-term 28:38-28:50"     ; «smart border»
                     "unknown-instrument 38:55-38:69")) ; @wco-datamodel
           (got (cc-wait-until (lambda () (cc-has-all stable)))))
      (cc-out "# diagnostics after %d ms" (round (* 1000 (- (float-time) start))))
      (dolist (s stable)
        (cc-check (concat "diagnostic " s) (member s (cc-diagnostics))
                  (unless got (format "got: %S" (cc-diagnostics)))))
      (let ((d (cl-find-if (lambda (d) (string-match-p "\\[undefined-term\\].*electronic customs" (flymake-diagnostic-text d)))
                           (flymake-diagnostics))))
        (cc-check "«electronic customs» is an error with the server's message"
                  (and d (eq (flymake-diagnostic-type d) 'eglot-error)
                       (string-prefix-p "customs-concepts [undefined-term]: " (flymake-diagnostic-text d)))
                  (and d (format "%S %S" (flymake-diagnostic-type d) (flymake-diagnostic-text d)))))

      ;; Hover on «digital customs» (line 33).
      (let* ((server (eglot-current-server))
             (hover (jsonrpc-request server :textDocument/hover
                                     (list :textDocument (eglot--TextDocumentIdentifier)
                                           :position (list :line 32 :character 10))))
             (value (or (plist-get (plist-get hover :contents) :value) "")))
        (cc-check "hover shows the definition of «digital customs»"
                  (string-match-p "organisation of customs administration" value)
                  (substring value 0 (min 200 (length value)))))

      ;; Completion after `@' in "and @safe-fos" (line 34), through Eglot's capf.
      (goto-char (point-min))
      (forward-line 33)
      (forward-char 5)
      (let* ((capf (eglot-completion-at-point))
             (labels (and capf (all-completions "" (nth 2 capf)))))
        (cc-check "completion after @ offers rkc, safe-fos and wco-dm"
                  (and (member "rkc" labels) (member "safe-fos" labels) (member "wco-dm" labels))
                  (format "%S" (seq-take labels 10))))

      ;; An edit: a new line with an undefined term.
      (goto-char (point-max))
      (let* ((line (1- (line-number-at-pos)))
             (expected (format "undefined-term %d:3-%d:18" (1+ line) (1+ line)))
             (t0 (float-time)))
        (insert "\nA «quantum customs» is not defined.")
        (eglot--signal-textDocument/didChange)
        (let ((updated (cc-wait-until (lambda () (member expected (cc-diagnostics))))))
          (cc-out "# diagnostics updated after %d ms" (round (* 1000 (- (float-time) t0))))
          (cc-check (concat "an edit adds " expected) updated (format "got: %S" (cc-diagnostics))))
        (cc-check "the earlier diagnostics stay after the edit" (cc-has-all stable))
        ;; And removing it takes the diagnostic away again.
        (delete-region (save-excursion (goto-char (point-max)) (forward-line -1) (line-end-position)) (point-max))
        (eglot--signal-textDocument/didChange)
        (cc-check "undoing the edit removes it"
                  (cc-wait-until (lambda () (not (member expected (cc-diagnostics)))))))

      (let ((server (eglot-current-server)))
        (set-buffer-modified-p nil)
        (eglot-shutdown server)
        (cc-check "server exits on shutdown" (not (jsonrpc-running-p server)))))))

(condition-case err
    (cc-run)
  (error (cc-check "test script runs without a Lisp error" nil (error-message-string err))))
(cc-out "emacs-eglot: %d passed, %d failed" cc-passed cc-failed)
(kill-emacs (if (and (= cc-failed 0) (> cc-passed 0)) 0 1))

;;; emacs-eglot.el ends here
