/*
 * libpolicy: versions, diffs, classifies and renders privacy policies.
 * Include this header; it brings in every module's header.
 */
#ifndef POLICY_H
#define POLICY_H

#include "policy/archive.h"
#include "policy/buf.h"
#include "policy/category.h"
#include "policy/check.h"
#include "policy/common.h"
#include "policy/config.h"
#include "policy/date.h"
#include "policy/diag.h"
#include "policy/diff.h"
#include "policy/document.h"
#include "policy/facts.h"
#include "policy/file.h"
#include "policy/import.h"
#include "policy/level.h"
#include "policy/library.h"
#include "policy/locale.h"
#include "policy/notice.h"
#include "policy/publish.h"
#include "policy/render.h"
#include "policy/repo.h"
#include "policy/rules.h"
#include "policy/section.h"
#include "policy/serve.h"
#include "policy/text.h"
#include "policy/version.h"

#endif
