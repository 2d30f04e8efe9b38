<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>PairTrack</name>
    <message>
      <source>
  ……另有 {len(copies) - LISTED} 个较早的备份</source>
      <translation>
  … and {len(copies) - LISTED} older backups</translation>
    </message>
    <message>
      <source>
可以从下列备份之一恢复（恢复前会先检查备份，当前文件会另存一份）：
</source>
      <translation>
You can restore from one of these backups (the backup is checked first, and the current file is kept as a copy):
</translation>
    </message>
    <message>
      <source>
命令：pairtrack --db "{path}" restore "{copies[0].path}"</source>
      <translation>
Command: pairtrack --db "{path}" restore "{copies[0].path}"</translation>
    </message>
    <message>
      <source> {found} 行</source>
      <translation> {found} rows</translation>
    </message>
    <message>
      <source> 等 {len(findings)} 个问题</source>
      <translation> and {len(findings)} problems in all</translation>
    </message>
    <message>
      <source> 等 {len(problems)} 处问题</source>
      <translation> and {len(problems)} problems in all</translation>
    </message>
    <message>
      <source>--pairing 只用于台账工作簿，汇总包中的记录已有各自的结对关系。</source>
      <translation>--pairing applies only to ledger workbooks; the records in a consolidation package already have their pairings.</translation>
    </message>
    <message>
      <source>-未导入</source>
      <translation>-not imported</translation>
    </message>
    <message>
      <source>CSV 文件（zip 压缩包）(*.zip)</source>
      <translation>CSV files (zip archive) (*.zip)</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <source>PDF 文件 (*.pdf);;Word 文档（可编辑） (*.docx)</source>
      <translation>PDF file (*.pdf);;Word document (editable) (*.docx)</translation>
    </message>
    <message>
      <source>PairTrack 对口帮扶项目台账</source>
      <translation>PairTrack paired-assistance ledger</translation>
    </message>
    <message>
      <source>PairTrack 对口帮扶项目台账
版本 {version}
数据库：{db}</source>
      <translation>PairTrack paired-assistance ledger
Version {version}
Database: {db}</translation>
    </message>
    <message>
      <source>PairTrack 数据库 (*.db)</source>
      <translation>PairTrack database (*.db)</translation>
    </message>
    <message>
      <source>PairTrack 数据库 (*.db);;所有文件 (*)</source>
      <translation>PairTrack database (*.db);;All files (*)</translation>
    </message>
    <message>
      <source>PostgreSQL 备份 (*.dump)</source>
      <translation>PostgreSQL backups (*.dump)</translation>
    </message>
    <message>
      <source>PostgreSQL 备份 (*.dump);;所有文件 (*)</source>
      <translation>PostgreSQL backups (*.dump);;All files (*)</translation>
    </message>
    <message>
      <source>PostgreSQL 服务器上的数据库</source>
      <translation>Database on a PostgreSQL server</translation>
    </message>
    <message>
      <source>SQLite 完整性检查：{line}</source>
      <translation>SQLite integrity check: {line}</translation>
    </message>
    <message>
      <source>manifest.json 不是有效的 JSON：{exc}</source>
      <translation>manifest.json is not valid JSON: {exc}</translation>
    </message>
    <message>
      <source>manifest.json 过大，已拒绝。</source>
      <translation>manifest.json is too large and was refused.</translation>
    </message>
    <message>
      <source>{BY_TABLE[mapping.table].title}，表头在第 {mapping.header_row + 1} 行</source>
      <translation>{BY_TABLE[mapping.table].title}, header in row {mapping.header_row + 1}</translation>
    </message>
    <message>
      <source>{BY_TABLE[t].title} {n} 条</source>
      <translation>{BY_TABLE[t].title}: {n}</translation>
    </message>
    <message>
      <source>{REWRITTEN}：{package.origin}于 {local_time(recorded.exported_at)} 导出的汇总包数据校验码为 {was}（{n} 条审计事件），本包的历史记录（{package.check_code}）不是它的延续：对方删除、改动后重算或整体替换了历史记录，请与对方核实</source>
      <translation>{REWRITTEN}: the consolidation package that {package.origin} exported on {local_time(recorded.exported_at)} had the data check code {was} ({n} audit events); this package's history ({package.check_code}) does not continue it: the other office deleted, changed and recomputed, or replaced its history. Please check with them</translation>
    </message>
    <message>
      <source>{_plain(Decimal(fen) / 100, 2)}元</source>
      <translation>{_plain(Decimal(fen) / 100, 2)} yuan</translation>
    </message>
    <message>
      <source>{_plain(Decimal(fen) / FEN_PER_YI, 2)}亿元</source>
      <translation>{_plain(Decimal(fen) / FEN_PER_YI, 2)} ×100M yuan</translation>
    </message>
    <message>
      <source>{amount} 元</source>
      <translation>{amount} yuan</translation>
    </message>
    <message>
      <source>{amount}万元</source>
      <translation>{amount} (10k yuan)</translation>
    </message>
    <message>
      <source>{count} 条{noun}</source>
      <translation>{noun}: {count}</translation>
    </message>
    <message>
      <source>{d.year}年{d.month}月{d.day}日</source>
      <translation>{d.year}-{d.month}-{d.day}</translation>
    </message>
    <message>
      <source>{entry.place()}（{entry.valid_to} 年起停用{became}）</source>
      <translation>{entry.place()} (retired from {entry.valid_to}{became})</translation>
    </message>
    <message>
      <source>{format_date_cn(start)}至{format_date_cn(end)}</source>
      <translation>{format_date_cn(start)} to {format_date_cn(end)}</translation>
    </message>
    <message>
      <source>{indicator}
（{unit}）</source>
      <translation>{indicator}
({unit})</translation>
    </message>
    <message>
      <source>{label} {format_wan(fen)} 超过了通常的上限 {format_wan(bound)}，请核对单位是否正确</source>
      <translation>{label} {format_wan(fen)} is above the usual limit of {format_wan(bound)}; please check that the unit is right</translation>
    </message>
    <message>
      <source>{label}{by_direction[code]}名</source>
      <translation>{label}: {by_direction[code]}</translation>
    </message>
    <message>
      <source>{label}合计 {total}</source>
      <translation>{label} total {total}</translation>
    </message>
    <message>
      <source>{label}超出范围：应在 {MIN_YEAR}–{MAX_YEAR} 之间，而不是 {year}</source>
      <translation>{label} out of range: it should be between {MIN_YEAR} and {MAX_YEAR}, not {year}</translation>
    </message>
    <message>
      <source>{label}（万元）</source>
      <translation>{label} (10k yuan)</translation>
    </message>
    <message>
      <source>{label}：</source>
      <translation>{label}:</translation>
    </message>
    <message>
      <source>{last_label}（{end}）早于{first_label}（{start}）</source>
      <translation>{last_label} ({end}) is earlier than {first_label} ({start})</translation>
    </message>
    <message>
      <source>{len(rows)} 个日期只写到月份（第 {shown_rows} 行），按当月 1 日记</source>
      <translation>{len(rows)} dates give only the month (rows {shown_rows}); read as the 1st of the month</translation>
    </message>
    <message>
      <source>{names}没有结对关系列，而本库还没有结对关系：请先建立结对关系</source>
      <translation>{names} have no pairing column, and this database has no pairing yet: please create a pairing first</translation>
    </message>
    <message>
      <source>{names}没有结对关系列：请选择默认结对关系</source>
      <translation>{names} have no pairing column: please choose a default pairing</translation>
    </message>
    <message>
      <source>{n} 处疑似跨单位重复（见下方）。</source>
      <translation>Possible duplicates across offices: {n} (see below).</translation>
    </message>
    <message>
      <source>{n} 行疑似重复，不会导入（见下方）。</source>
      <translation>Rows that look like duplicates: {n}; they will not be imported (see below).</translation>
    </message>
    <message>
      <source>{n} 行疑似重复，导入后请核对（见下方）。</source>
      <translation>Rows that look like duplicates: {n}; please check them after importing (see below).</translation>
    </message>
    <message>
      <source>{n} 行疑似重复，已导入，请核对。</source>
      <translation>Rows that look like duplicates: {n}; imported, please check them.</translation>
    </message>
    <message>
      <source>{n} 行疑似重复，未导入。</source>
      <translation>Rows that look like duplicates: {n}; not imported.</translation>
    </message>
    <message>
      <source>{n} 项指标滞后</source>
      <translation>Indicators lagging: {n}</translation>
    </message>
    <message>
      <source>{pairing} · {year}年 · {indicator}</source>
      <translation>{pairing} · {year} · {indicator}</translation>
    </message>
    <message>
      <source>{problem}地区「{name_or_code}」</source>
      <translation>{problem} region “{name_or_code}”</translation>
    </message>
    <message>
      <source>{problem}地区「{name}」</source>
      <translation>{problem} region “{name}”</translation>
    </message>
    <message>
      <source>{problem}结对关系「{label}」</source>
      <translation>{problem} pairing “{label}”</translation>
    </message>
    <message>
      <source>{row.indicator.label}指标完成率为{format_share(row.completion)}，低于序时进度{format_share(row.elapsed)}，进度滞后。</source>
      <translation>{row.indicator.label} is {format_share(row.completion)} complete, below the time-elapsed share of {format_share(row.elapsed)}: lagging.</translation>
    </message>
    <message>
      <source>{seen}，再次导入会使记录重复，因此未导入任何内容。如确需再次导入，请加 --again（或先用 pairtrack imports --undo 撤销上次导入）。</source>
      <translation>{seen}; importing it again would duplicate records, so nothing was imported. If you really want to import it again, add --again (or first undo the last import with pairtrack imports --undo).</translation>
    </message>
    <message>
      <source>{self.notice}，是否继续？</source>
      <translation>{self.notice}. Continue?</translation>
    </message>
    <message>
      <source>{self.noun}不能按「{name}」筛选</source>
      <translation>{self.noun} cannot be filtered by “{name}”</translation>
    </message>
    <message>
      <source>{self.noun}不能按「{sort}」排序</source>
      <translation>{self.noun} cannot be sorted by “{sort}”</translation>
    </message>
    <message>
      <source>{self.noun}不能按年度筛选</source>
      <translation>{self.noun} cannot be filtered by year</translation>
    </message>
    <message>
      <source>{self.noun}没有字段「{sorted(unknown)[0]}」</source>
      <translation>{self.noun} has no field “{sorted(unknown)[0]}”</translation>
    </message>
    <message>
      <source>{self.origin} {local_time(self.exported_at)} 导出的「{self.file_name}」：数据校验码 {self.code}，{local_time(self.received_at)} 导入{mark}</source>
      <translation>“{self.file_name}” exported by {self.origin} on {local_time(self.exported_at)}: data check code {self.code}, imported {local_time(self.received_at)}{mark}</translation>
    </message>
    <message>
      <source>{self.user}（计算机 {self.host}，进程 {self.pid}）自 {since} 起</source>
      <translation>{self.user} (computer {self.host}, process {self.pid}) since {since}</translation>
    </message>
    <message>
      <source>{service.noun}{label}（编号 {row_id}）</source>
      <translation>{service.noun} {label} (id {row_id})</translation>
    </message>
    <message>
      <source>{service.noun}（编号 {obj.id[:8]}）</source>
      <translation>{service.noun} (id {obj.id[:8]})</translation>
    </message>
    <message>
      <source>{service.noun}（编号 {row_id}）</source>
      <translation>{service.noun} (id {row_id})</translation>
    </message>
    <message>
      <source>{service.noun}（编号 {row_id}）已从数据库中消失（被直接删除）</source>
      <translation>{service.noun} (id {row_id}) has disappeared from the database (deleted directly)</translation>
    </message>
    <message>
      <source>{service.noun}（编号 {str(values.get('id', ''))[:8]}）</source>
      <translation>{service.noun} (id {str(values.get('id', ''))[:8]})</translation>
    </message>
    <message>
      <source>{table}.{c} 列</source>
      <translation>column {table}.{c}</translation>
    </message>
    <message>
      <source>{target} 及其编号副本都已存在</source>
      <translation>{target} and its numbered copies all exist already</translation>
    </message>
    <message>
      <source>{text} [{self.valid_to} 年起停用]</source>
      <translation>{text} [retired from {self.valid_to}]</translation>
    </message>
    <message>
      <source>{title}列表</source>
      <translation>{title}: list</translation>
    </message>
    <message>
      <source>{verb}它新增的记录：{listed(self.removed)}</source>
      <translation>{verb} the records it added: {listed(self.removed)}</translation>
    </message>
    <message>
      <source>{wan}万元</source>
      <translation>{wan} ×10k yuan</translation>
    </message>
    <message>
      <source>{where}在最后一次审计记录之后被程序之外的方式改动</source>
      <translation>{where} was changed outside the program after its last audit record</translation>
    </message>
    <message>
      <source>{where}没有任何审计记录：它不是经由本程序写入的</source>
      <translation>{where} has no audit record at all: it was not written by this program</translation>
    </message>
    <message>
      <source>{where}，「名称」却是「{name}」</source>
      <translation>{where}, but the “Name” is “{name}”</translation>
    </message>
    <message>
      <source>{where}，「市（州）」却是「{city}」</source>
      <translation>{where}, but the “City (prefecture)” is “{city}”</translation>
    </message>
    <message>
      <source>{where}，「省」却是「{province}」</source>
      <translation>{where}, but the “Province” is “{province}”</translation>
    </message>
    <message>
      <source>{where}，是{region_codes.TIER_LABEL[entry.tier]}区划，「级别」不能是{REGION_LEVEL.get(level, level)}</source>
      <translation>{where}, a {region_codes.TIER_LABEL[entry.tier]} division; its “Level” cannot be {REGION_LEVEL.get(level, level)}</translation>
    </message>
    <message>
      <source>{year} 年不在该结对关系的起止年度（{span}）内</source>
      <translation>{year} is outside the pairing's years ({span})</translation>
    </message>
    <message>
      <source>{year} 年在此范围内还没有年度目标，完成率和滞后无从判断。可在「年度目标」页录入，或复制上一年的目标。</source>
      <translation>There are no annual targets for {year} in this scope yet, so completion and lag cannot be judged. Enter them on the “Annual targets” page, or copy last year's targets.</translation>
    </message>
    <message>
      <source>{year} 年没有进行中的结对关系：先在「结对关系」页添加，再录入目标。</source>
      <translation>No pairing is active in {year}: add one on the “Pairing” page first, then enter its targets.</translation>
    </message>
    <message>
      <source>{year} 年还没有目标。点「复制上一年目标」（Alt+C）把 {last} 年的目标复制过来，或在单元格中逐项键入。</source>
      <translation>No targets for {year} yet. Press “Copy last year's targets” (Alt+C) to copy those of {last}, or type them into the cells one by one.</translation>
    </message>
    <message>
      <source>{year} 年还没有目标，在单元格中键入即可录入。已有目标的年度：{years}。</source>
      <translation>No targets for {year} yet; type one into a cell to enter it. Years with targets: {years}.</translation>
    </message>
    <message>
      <source>{year}年</source>
      <translation>{year}</translation>
    </message>
    <message>
      <source>{year}年第{QUARTER_NAMES[quarter - 1]}季度</source>
      <translation>Q{QUARTER_NAMES[quarter - 1]} {year}</translation>
    </message>
    <message>
      <source>—第 {mapping.header_row + 2} 行</source>
      <translation>–{mapping.header_row + 2}</translation>
    </message>
    <message>
      <source>—第 {row} 行</source>
      <translation>–row {row}</translation>
    </message>
    <message>
      <source>……另有 {n} 条记录未列出</source>
      <translation>… more records not listed: {n}</translation>
    </message>
    <message>
      <source>✓ 已识别</source>
      <translation>✓ recognised</translation>
    </message>
    <message>
      <source>✓ 已选择</source>
      <translation>✓ chosen</translation>
    </message>
    <message>
      <source>、</source>
      <translation>, </translation>
    </message>
    <message>
      <source>。请选择另一个备份；当前数据库未作任何改动。</source>
      <translation>. Please choose another backup; the current database has not been changed.</translation>
    </message>
    <message>
      <source>「{f.label}」不能为空</source>
      <translation>“{f.label}” must not be empty</translation>
    </message>
    <message>
      <source>「{f.label}」指向的记录不存在</source>
      <translation>The record “{f.label}” points to does not exist</translation>
    </message>
    <message>
      <source>「{f.label}」指向的记录已删除，请先恢复它</source>
      <translation>The record “{f.label}” points to has been deleted; restore it first</translation>
    </message>
    <message>
      <source>「{file}」现在有问题，未能再次导入。</source>
      <translation>“{file}” now has problems and could not be imported again.</translation>
    </message>
    <message>
      <source>「{h}」导入为</source>
      <translation>Import “{h}” as</translation>
    </message>
    <message>
      <source>「{label}」{problem}</source>
      <translation>“{label}”: {problem}</translation>
    </message>
    <message>
      <source>「{label}」不能为空</source>
      <translation>“{label}” must not be empty</translation>
    </message>
    <message>
      <source>「{label}」不能含换行或控制字符</source>
      <translation>“{label}” must not contain line breaks or control characters</translation>
    </message>
    <message>
      <source>「{label}」不能含空格或控制字符（{bad}）</source>
      <translation>“{label}” must not contain spaces or control characters ({bad})</translation>
    </message>
    <message>
      <source>「{label}」应为正整数：「{value}」</source>
      <translation>“{label}” should be a positive whole number: “{value}”</translation>
    </message>
    <message>
      <source>「{label}」过长：最多 {OFFICE_CODE_LENGTH} 个字符，现有 {len(value)} 个</source>
      <translation>“{label}” is too long: at most {OFFICE_CODE_LENGTH} characters, it has {len(value)}</translation>
    </message>
    <message>
      <source>「{label}」过长：最多 {limit} 个字，现有 {len(value)} 个</source>
      <translation>“{label}” is too long: at most {limit} characters, it has {len(value)}</translation>
    </message>
    <message>
      <source>「{left}—{right}」的结束日期早于开始日期</source>
      <translation>“{left}–{right}” ends before it starts</translation>
    </message>
    <message>
      <source>「{name}」</source>
      <translation>“{name}”</translation>
    </message>
    <message>
      <source>「{name}」在列表读取后已被 {operator} 于 {time} 修改（{fields}）。仍要删除吗？</source>
      <translation>“{name}” was changed by {operator} at {time} after the list was read ({fields}). Delete it anyway?</translation>
    </message>
    <message>
      <source>「{name}」在列表读取后已被 {operator} 于 {time} 删除，未删除任何记录。</source>
      <translation>“{name}” was deleted by {operator} at {time} after the list was read. Nothing was deleted.</translation>
    </message>
    <message>
      <source>「{path.name}」不是 Excel 或 WPS 表格文件（.xlsx、.xls、.ods）。</source>
      <translation>“{path.name}” is not an Excel or WPS spreadsheet (.xlsx, .xls, .ods).</translation>
    </message>
    <message>
      <source>「{path.name}」不是 PairTrack 汇总包（不是 zip 文件）。</source>
      <translation>“{path.name}” is not a PairTrack consolidation package (not a zip file).</translation>
    </message>
    <message>
      <source>「{path}」不是 PairTrack 数据库，程序不会打开或改动它。</source>
      <translation>“{path}” is not a PairTrack database; the program will not open or change it.</translation>
    </message>
    <message>
      <source>「{path}」不是 SQLite 数据库文件，PairTrack 不会打开或改动它。请确认选择的是台账数据库（.db）。</source>
      <translation>“{path}” is not an SQLite database file; PairTrack will not open or change it. Please check that you chose the ledger database (.db).</translation>
    </message>
    <message>
      <source>「{path}」不是 pg_dump 的备份文件（自定义格式 .dump），不能用来恢复。请选择 PairTrack 备份的 .dump 文件；当前数据库未作任何改动。</source>
      <translation>“{path}” is not a pg_dump backup (custom format .dump) and cannot be restored. Choose a .dump file made by PairTrack; the current database was not changed.</translation>
    </message>
    <message>
      <source>「{path}」位于{where}。SQLite 数据库放在网络共享上时文件锁不可靠，多人同时使用会损坏数据，PairTrack 不在那里打开它。请把数据库复制到本机磁盘；几台电脑共用一个台账时，请使用 PostgreSQL 数据库（--db postgresql://用户@服务器/数据库）。</source>
      <translation>“{path}” is on {where}. File locks are unreliable for an SQLite database on a network share, and several people using it at once would damage the data, so PairTrack does not open it there. Please copy the database to a local disk; for several computers sharing one ledger, use a PostgreSQL database (--db postgresql://user@server/database).</translation>
    </message>
    <message>
      <source>「{path}」已不存在，已从最近打开的列表中移除。</source>
      <translation>“{path}” no longer exists and was removed from the recent list.</translation>
    </message>
    <message>
      <source>「{path}」已存在且不是文件夹，无法导出到其中。</source>
      <translation>“{path}” exists and is not a folder; cannot export into it.</translation>
    </message>
    <message>
      <source>「{path}」已存在，要替换它吗？</source>
      <translation>“{path}” already exists. Replace it?</translation>
    </message>
    <message>
      <source>「{path}」是 SQLite 数据库文件（.db），不是 PostgreSQL 的备份；服务器上的数据库只能从 pg_dump 备份（.dump）恢复。当前数据库未作任何改动。</source>
      <translation>“{path}” is a SQLite database file (.db), not a PostgreSQL backup; a database on a server can only be restored from a pg_dump backup (.dump). The current database was not changed.</translation>
    </message>
    <message>
      <source>「{path}」是一个文件夹，不是数据库文件。</source>
      <translation>“{path}” is a folder, not a database file.</translation>
    </message>
    <message>
      <source>「{path}」是一个文件夹，不是数据库文件。请在 --db 中给出文件夹里的数据库文件，例如「{path / 'pairtrack.db'}」。</source>
      <translation>“{path}” is a folder, not a database file. Give --db the database file inside the folder, e.g. “{path / 'pairtrack.db'}”.</translation>
    </message>
    <message>
      <source>「{path}」是一个文件夹，请给出文件名。</source>
      <translation>“{path}” is a folder; please give a file name.</translation>
    </message>
    <message>
      <source>「{path}」是空数据库，不能用来恢复。</source>
      <translation>“{path}” is an empty database and cannot be restored from.</translation>
    </message>
    <message>
      <source>「{path}」是空文件，还不是 PairTrack 数据库，无法以只读方式打开。</source>
      <translation>“{path}” is an empty file, not yet a PairTrack database; it cannot be opened read-only.</translation>
    </message>
    <message>
      <source>「{raw[name]}」不是本程序存储的形式（应为「{stored}」）</source>
      <translation>“{raw[name]}” is not in the form this program stores (it should be “{stored}”)</translation>
    </message>
    <message>
      <source>「{self.label}」不能为空</source>
      <translation>“{self.label}” must not be empty</translation>
    </message>
    <message>
      <source>「{self.label}」不能为负数</source>
      <translation>“{self.label}” must not be negative</translation>
    </message>
    <message>
      <source>「{self.label}」只能是：{allowed}；不能是「{value}」</source>
      <translation>“{self.label}” can only be: {allowed}; not “{value}”</translation>
    </message>
    <message>
      <source>「{self.label}」含有不可见的控制字符（{found}）</source>
      <translation>“{self.label}” contains invisible control characters ({found})</translation>
    </message>
    <message>
      <source>「{self.label}」应为不小于 0 的整数，而不是「{value}」</source>
      <translation>“{self.label}” should be a whole number not below 0, not “{value}”</translation>
    </message>
    <message>
      <source>「{self.label}」应为整数</source>
      <translation>“{self.label}” should be a whole number</translation>
    </message>
    <message>
      <source>「{self.label}」应为文字</source>
      <translation>“{self.label}” should be text</translation>
    </message>
    <message>
      <source>「{self.label}」应为日期</source>
      <translation>“{self.label}” should be a date</translation>
    </message>
    <message>
      <source>「{self.label}」应为记录编号</source>
      <translation>“{self.label}” should be a record id</translation>
    </message>
    <message>
      <source>「{self.label}」应为金额</source>
      <translation>“{self.label}” should be an amount</translation>
    </message>
    <message>
      <source>「{self.label}」应为金额（不接受浮点数）</source>
      <translation>“{self.label}” should be an amount (floating-point numbers are not accepted)</translation>
    </message>
    <message>
      <source>「{self.label}」过大：最多 {format_yuan(limit)}</source>
      <translation>“{self.label}” is too large: at most {format_yuan(limit)}</translation>
    </message>
    <message>
      <source>「{self.label}」过大：最多 {limit}，而不是 {value}</source>
      <translation>“{self.label}” is too large: at most {limit}, not {value}</translation>
    </message>
    <message>
      <source>「{self.label}」过长：最多 {self.max_length} 个字，现有 {len(value)} 个</source>
      <translation>“{self.label}” is too long: at most {self.max_length} characters, it has {len(value)}</translation>
    </message>
    <message>
      <source>「{self.sheet}」「{self.column}」列：{self.reason}</source>
      <translation>“{self.sheet}” column “{self.column}”: {self.reason}</translation>
    </message>
    <message>
      <source>「{self.sheet}」第 {self.row} 行「{self.column}」列：{self.reason}</source>
      <translation>“{self.sheet}” row {self.row}, column “{self.column}”: {self.reason}</translation>
    </message>
    <message>
      <source>「{self.sheet}」第 {self.row} 行：{self.reason}</source>
      <translation>“{self.sheet}” row {self.row}: {self.reason}</translation>
    </message>
    <message>
      <source>「{self.sheet}」第 {self.row} 行：疑似重复，{self.match}，{outcome}</source>
      <translation>“{self.sheet}” row {self.row}: possible duplicate, {self.match}, {outcome}</translation>
    </message>
    <message>
      <source>「{sheet}」各列的对应关系</source>
      <translation>Column mapping of “{sheet}”</translation>
    </message>
    <message>
      <source>「{sheet}」：{headers}导入为同一项，请只保留一列</source>
      <translation>“{sheet}”: {headers} are imported as the same item; keep only one of these columns</translation>
    </message>
    <message>
      <source>「{sheet}」：请为至少一列选择导入为哪一项</source>
      <translation>“{sheet}”: choose what at least one column is imported as</translation>
    </message>
    <message>
      <source>「{shown_name(target)}」是服务器上的数据库，不是本机的文件，不能在这里按文件备份或恢复；请用数据库服务器的备份工具（如 pg_dump）。</source>
      <translation>“{shown_name(target)}” is a database on a server, not a file on this computer: it cannot be backed up or restored here as a file. Use the database server’s backup tools (such as pg_dump).</translation>
    </message>
    <message>
      <source>「{shown}」的年份</source>
      <translation>the year of “{shown}”</translation>
    </message>
    <message>
      <source>「{s}」（程序生成的说明或汇总页）</source>
      <translation>“{s}” (a notes or summary sheet written by the program)</translation>
    </message>
    <message>
      <source>「{s}」（空白工作表）</source>
      <translation>“{s}” (blank sheet)</translation>
    </message>
    <message>
      <source>「{text}」不是数据校验码：应形如 1234-ABCD-EFGH（事件数-8 个字母或数字 2–7）。</source>
      <translation>“{text}” is not a data check code: it looks like 1234-ABCD-EFGH (number of events - 8 letters or digits 2–7).</translation>
    </message>
    <message>
      <source>「{text}」的年份</source>
      <translation>the year of “{text}”</translation>
    </message>
    <message>
      <source>「{value}」不是本程序存储的日期格式（如 2017-11-30）</source>
      <translation>“{value}” is not the date format this program stores (e.g. 2017-11-30)</translation>
    </message>
    <message>
      <source>「{value}」不是本程序存储的时间格式（如 2017-11-30T08:00:00.000000Z）</source>
      <translation>“{value}” is not the time format this program stores (e.g. 2017-11-30T08:00:00.000000Z)</translation>
    </message>
    <message>
      <source>「{value}」不是真实存在的日期</source>
      <translation>“{value}” is not a real date</translation>
    </message>
    <message>
      <source>「{value}」不是真实存在的时间</source>
      <translation>“{value}” is not a real time</translation>
    </message>
    <message>
      <source>「{value}」的年份超出范围：应在 {MIN_YEAR}–{MAX_YEAR} 之间</source>
      <translation>The year of “{value}” is out of range: it should be between {MIN_YEAR} and {MAX_YEAR}</translation>
    </message>
    <message>
      <source>「{without_password(text)}」既不是数据库文件的路径，也不是 PairTrack 支持的数据库地址。请给出 .db 文件的路径，或 PostgreSQL 服务器地址 postgresql://用户名@服务器:端口/数据库名。</source>
      <translation>“{without_password(text)}” is neither the path of a database file nor a database address PairTrack supports. Give the path of a .db file, or a PostgreSQL server address postgresql://user@server:port/database.</translation>
    </message>
    <message>
      <source>「行政区划代码」应为 6 位数字，而不是「{code}」</source>
      <translation>“Administrative division code” should be 6 digits, not “{code}”</translation>
    </message>
    <message>
      <source>「金额」必须大于 0</source>
      <translation>“Amount” must be greater than 0</translation>
    </message>
    <message>
      <source>一</source>
      <translation>1</translation>
    </message>
    <message>
      <source>七、存在问题：</source>
      <translation>7. Problems:</translation>
    </message>
    <message>
      <source>万</source>
      <translation>×10k</translation>
    </message>
    <message>
      <source>万元</source>
      <translation>×10k yuan</translation>
    </message>
    <message>
      <source>三</source>
      <translation>3</translation>
    </message>
    <message>
      <source>上次打开时的数字，正在核对…</source>
      <translation>figures from when it was last opened, being checked…</translation>
    </message>
    <message>
      <source>下一步工作安排</source>
      <translation>Work planned next</translation>
    </message>
    <message>
      <source>不导入</source>
      <translation>Do not import</translation>
    </message>
    <message>
      <source>不导入：{sheets}</source>
      <translation>Not imported: {sheets}</translation>
    </message>
    <message>
      <source>不打开</source>
      <translation>Do not open</translation>
    </message>
    <message>
      <source>不是一条记录（应为 JSON 对象）</source>
      <translation>Not a record (should be a JSON object)</translation>
    </message>
    <message>
      <source>不是有效的 JSON：{exc}</source>
      <translation>Not valid JSON: {exc}</translation>
    </message>
    <message>
      <source>不是有效的记录编号（小写 UUID）：「{value[:40]}」</source>
      <translation>Not a valid record id (lower-case UUID): “{value[:40]}”</translation>
    </message>
    <message>
      <source>不是有效的记录编号：「{raw['row_id']}」</source>
      <translation>Not a valid record id: “{raw['row_id']}”</translation>
    </message>
    <message>
      <source>不是规范的 JSON 形式（键的顺序或空白不符）</source>
      <translation>Not in canonical JSON form (key order or white space differs)</translation>
    </message>
    <message>
      <source>不能为空</source>
      <translation>must not be empty</translation>
    </message>
    <message>
      <source>不能为空（null）</source>
      <translation>Must not be empty (null)</translation>
    </message>
    <message>
      <source>不能写到「{path}」：那是数据库的备份文件夹（{backups}），本程序不往其中写入别的文件。请换一个位置。</source>
      <translation>Cannot write to “{path}”: that is the database's backup folder ({backups}), where this program writes nothing else. Please choose another place.</translation>
    </message>
    <message>
      <source>不能写到「{path}」：那是正在使用的数据库文件，写入会毁掉台账。请换一个文件名。</source>
      <translation>Cannot write to “{path}”: that is the database file in use, and writing would destroy the ledger. Please choose another file name.</translation>
    </message>
    <message>
      <source>不能把 {from_year} 年的目标复制到同一年</source>
      <translation>Cannot copy the targets of {from_year} to the same year</translation>
    </message>
    <message>
      <source>不能用数据库自身来恢复它。</source>
      <translation>A database cannot be restored from itself.</translation>
    </message>
    <message>
      <source>与审计记录链文件的行数不符</source>
      <translation>Does not match the number of lines of the audit chain file</translation>
    </message>
    <message>
      <source>与已有的{kind.service.noun}（编号 {other}）的{fields}相同</source>
      <translation>same {fields} as an existing record ({kind.service.noun}, id {other})</translation>
    </message>
    <message>
      <source>与已有的{sheet.service.noun}（编号 {match_id}）的{labels}相同</source>
      <translation>same {labels} as an existing record ({sheet.service.noun}, id {match_id})</translation>
    </message>
    <message>
      <source>与本文件「{title}」第 {row} 行的{labels}相同</source>
      <translation>same {labels} as row {row} of “{title}” in this file</translation>
    </message>
    <message>
      <source>专业技术人才培训</source>
      <translation>Professional training</translation>
    </message>
    <message>
      <source>专技人才</source>
      <translation>Professionals</translation>
    </message>
    <message>
      <source>东西部协作</source>
      <translation>East–West cooperation</translation>
    </message>
    <message>
      <source>个</source>
      <translation>items</translation>
    </message>
    <message>
      <source>主要内容</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>也无法打开文件夹。简报文件在：{path}</source>
      <translation>The folder cannot be opened either. The brief file is at: {path}</translation>
    </message>
    <message>
      <source>二</source>
      <translation>2</translation>
    </message>
    <message>
      <source>交流方向</source>
      <translation>Direction</translation>
    </message>
    <message>
      <source>产业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <source>人</source>
      <translation>people</translation>
    </message>
    <message>
      <source>人员类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>人次</source>
      <translation>person-times</translation>
    </message>
    <message>
      <source>亿</source>
      <translation>×100M</translation>
    </message>
    <message>
      <source>亿元</source>
      <translation>×100M yuan</translation>
    </message>
    <message>
      <source>仅显示：{what}</source>
      <translation>Showing only: {what}</translation>
    </message>
    <message>
      <source>今天的自动备份未能完成：{exc}。数据库本身未受影响；请检查备份文件夹所在磁盘的空间。</source>
      <translation>Today's automatic backup could not be made: {exc}. The database itself is not affected; please check the free space on the disk of the backup folder.</translation>
    </message>
    <message>
      <source>仍要保存吗？</source>
      <translation>Save anyway?</translation>
    </message>
    <message>
      <source>仍要再次导入（记录可能重复）(&amp;A)</source>
      <translation>Import &amp;again anyway (records may be duplicated)</translation>
    </message>
    <message>
      <source>从「{source}」恢复失败，已全部撤销，数据库保持恢复前的内容：{why}</source>
      <translation>Restoring from “{source}” failed and was undone completely; the database is as it was before: {why}</translation>
    </message>
    <message>
      <source>从其他文件恢复(&amp;F)…</source>
      <translation>Restore from another &amp;file…</translation>
    </message>
    <message>
      <source>从备份恢复</source>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <source>从文件恢复(&amp;F)…</source>
      <translation>Restore from &amp;file…</translation>
    </message>
    <message>
      <source>从日历中选择日期</source>
      <translation>Choose a date from the calendar</translation>
    </message>
    <message>
      <source>从日历中选择（Alt+↓）</source>
      <translation>Choose from the calendar (Alt+↓)</translation>
    </message>
    <message>
      <source>代码表中没有 {code}</source>
      <translation>{code} is not in the code table</translation>
    </message>
    <message>
      <source>代码表中没有此代码</source>
      <translation>This code is not in the code table</translation>
    </message>
    <message>
      <source>以只读方式打开</source>
      <translation>Open read-only</translation>
    </message>
    <message>
      <source>以只读方式打开时可以查看、打印和导出，不能修改。</source>
      <translation>Opened read-only, it can be viewed, printed and exported but not changed.</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>保存(&amp;S)…</source>
      <translation>&amp;Save…</translation>
    </message>
    <message>
      <source>保存到(&amp;S)</source>
      <translation>&amp;Save to</translation>
    </message>
    <message>
      <source>保存失败：{error}</source>
      <translation>Could not save: {error}</translation>
    </message>
    <message>
      <source>保存简报</source>
      <translation>Save brief</translation>
    </message>
    <message>
      <source>保留本地值</source>
      <translation>Keep local value</translation>
    </message>
    <message>
      <source>保留本地值(&amp;L)</source>
      <translation>Keep &amp;local value</translation>
    </message>
    <message>
      <source>修改</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>修改单位与操作员</source>
      <translation>Change office and operator</translation>
    </message>
    <message>
      <source>修改历史</source>
      <translation>History of changes</translation>
    </message>
    <message>
      <source>修改年度目标</source>
      <translation>Change annual targets</translation>
    </message>
    <message>
      <source>修订号应为 {REV_LENGTH} 位小写十六进制数，而不是「{value}」</source>
      <translation>A revision id should be {REV_LENGTH} lower-case hexadecimal digits, not “{value}”</translation>
    </message>
    <message>
      <source>元</source>
      <translation>yuan</translation>
    </message>
    <message>
      <source>党政干部</source>
      <translation>Party and government cadres</translation>
    </message>
    <message>
      <source>党政干部培训</source>
      <translation>Party and government cadre training</translation>
    </message>
    <message>
      <source>全年</source>
      <translation>Full year</translation>
    </message>
    <message>
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <source>全部{label}</source>
      <translation>{label}: all</translation>
    </message>
    <message>
      <source>全部年度</source>
      <translation>All years</translation>
    </message>
    <message>
      <source>全部来源单位</source>
      <translation>All offices</translation>
    </message>
    <message>
      <source>全部结对关系</source>
      <translation>All pairings</translation>
    </message>
    <message>
      <source>全部记录</source>
      <translation>All records</translation>
    </message>
    <message>
      <source>八、下一步工作：</source>
      <translation>8. Next steps:</translation>
    </message>
    <message>
      <source>共 {n} 个冲突待处理。本地值一直保留，直到这里作出选择；选中一行或多行后处理。</source>
      <translation>Conflicts to resolve: {n}. The local values stay until you decide here; select one or more rows to resolve them.</translation>
    </message>
    <message>
      <source>共 {n} 个备份</source>
      <translation>Backups: {n}</translation>
    </message>
    <message>
      <source>共 {n} 条</source>
      <translation>Records: {n}</translation>
    </message>
    <message>
      <source>共 {n} 条记录。</source>
      <translation>{n} records.</translation>
    </message>
    <message>
      <source>共 {n} 次导入。</source>
      <translation>Imports: {n}.</translation>
    </message>
    <message>
      <source>共 {n} 项操作，最近的在前。</source>
      <translation>Operations: {n}, the latest first.</translation>
    </message>
    <message>
      <source>共印份数</source>
      <translation>Copies printed</translation>
    </message>
    <message>
      <source>关于 PairTrack</source>
      <translation>About PairTrack</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>其他</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>其他专业技术人才</source>
      <translation>Other professionals</translation>
    </message>
    <message>
      <source>内存数据库无法备份或恢复。</source>
      <translation>An in-memory database cannot be backed up or restored.</translation>
    </message>
    <message>
      <source>内容</source>
      <translation>contents</translation>
    </message>
    <message>
      <source>内容中的编号与 row_id 不符</source>
      <translation>The id in the content does not match row_id</translation>
    </message>
    <message>
      <source>农技人员</source>
      <translation>Agricultural technicians</translation>
    </message>
    <message>
      <source>冲突</source>
      <translation>Conflict</translation>
    </message>
    <message>
      <source>冲突 {conflict_id} 已于 {c.resolved_at} 处理</source>
      <translation>Conflict {conflict_id} was resolved on {c.resolved_at}</translation>
    </message>
    <message>
      <source>冲突 {n}</source>
      <translation>Conflicts: {n}</translation>
    </message>
    <message>
      <source>冲突：本地值保留，待处理</source>
      <translation>Conflict: the local value stays until resolved</translation>
    </message>
    <message>
      <source>凭证号</source>
      <translation>Voucher no.</translation>
    </message>
    <message>
      <source>出资单位</source>
      <translation>Funding unit</translation>
    </message>
    <message>
      <source>分组行「{title}」</source>
      <translation>Section row “{title}”</translation>
    </message>
    <message>
      <source>列</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>刚才的操作遇到了一个程序没有预料到的错误：
{error}</source>
      <translation>The last action met an error the program did not expect:
{error}</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>删除 {n} 条{noun}</source>
      <translation>Delete — {noun} ({n})</translation>
    </message>
    <message>
      <source>删除状态</source>
      <translation>Deletion state</translation>
    </message>
    <message>
      <source>到</source>
      <translation>to</translation>
    </message>
    <message>
      <source>到位日期</source>
      <translation>Arrival date</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>勾选后，密码以明文保存在本机当前用户的 PairTrack 设置中（{where}，{group} 项），能登录这台电脑的人都可能读到。不勾选则不保存，每次打开时询问；服务器的 pgpass 文件或 PGPASSWORD 已提供密码时不必输入。</source>
      <translation>When ticked, the password is saved in plain text in this user's PairTrack settings on this computer ({where}, entry {group}), where anyone who can log in to this computer may read it. When not ticked, it is not saved and is asked for at each opening; it need not be typed when a pgpass file or PGPASSWORD provides it.</translation>
    </message>
    <message>
      <source>包不完整：缺少 {name}。</source>
      <translation>The package is incomplete: {name} is missing.</translation>
    </message>
    <message>
      <source>包中有两个同名的文件「{info.filename}」，已拒绝。</source>
      <translation>The package holds two files named “{info.filename}”; refused.</translation>
    </message>
    <message>
      <source>包中有清单未列出的文件「{name}」，已拒绝。</source>
      <translation>The package holds a file “{name}” that its manifest does not list; refused.</translation>
    </message>
    <message>
      <source>包中的 {info.filename} 解压后异常巨大，疑似压缩炸弹，已拒绝。</source>
      <translation>{info.filename} in the package is abnormally large when unpacked (a suspected zip bomb); refused.</translation>
    </message>
    <message>
      <source>包中的 {name} 大小与清单不符（{found.file_size} ≠ {entry['bytes']} 字节）。</source>
      <translation>The size of {name} in the package does not match the manifest ({found.file_size} ≠ {entry['bytes']} bytes).</translation>
    </message>
    <message>
      <source>包中的 {name} 校验值（sha256）不符：文件已被改动或损坏。</source>
      <translation>The checksum (sha256) of {name} in the package does not match: the file was changed or damaged.</translation>
    </message>
    <message>
      <source>包中的 {name} 比清单所列的大（可能是恶意构造的压缩包）</source>
      <translation>{name} in the package is larger than its manifest says (possibly a maliciously built archive)</translation>
    </message>
    <message>
      <source>包中的 {name} 过大，已拒绝。</source>
      <translation>{name} in the package is too large; refused.</translation>
    </message>
    <message>
      <source>包中的文件路径「{name}」越出了包的目录，已拒绝。</source>
      <translation>The file path “{name}” in the package leads outside the package's folder; refused.</translation>
    </message>
    <message>
      <source>区</source>
      <translation>District</translation>
    </message>
    <message>
      <source>医生</source>
      <translation>Doctor</translation>
    </message>
    <message>
      <source>医疗</source>
      <translation>Health care</translation>
    </message>
    <message>
      <source>千</source>
      <translation>×1k</translation>
    </message>
    <message>
      <source>千元</source>
      <translation>×1k yuan</translation>
    </message>
    <message>
      <source>升级前备份</source>
      <translation>Before upgrade</translation>
    </message>
    <message>
      <source>协作类型</source>
      <translation>Programme</translation>
    </message>
    <message>
      <source>协议名称</source>
      <translation>Agreement title</translation>
    </message>
    <message>
      <source>协议已「{AGREEMENT_STATUS[old]}」，状态不能再改</source>
      <translation>The agreement is already “{AGREEMENT_STATUS[old]}”; its status can no longer change</translation>
    </message>
    <message>
      <source>协议状态只能向前推进：不能从「{AGREEMENT_STATUS[old]}」改回「{AGREEMENT_STATUS[new]}」</source>
      <translation>An agreement's status only moves forward: it cannot go back from “{AGREEMENT_STATUS[old]}” to “{AGREEMENT_STATUS[new]}”</translation>
    </message>
    <message>
      <source>协议金额</source>
      <translation>Agreed amount</translation>
    </message>
    <message>
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>单位与操作员</source>
      <translation>Office and operator</translation>
    </message>
    <message>
      <source>单位与操作员…</source>
      <translation>Office and operator…</translation>
    </message>
    <message>
      <source>单位代码</source>
      <translation>Office code</translation>
    </message>
    <message>
      <source>单位代码*：</source>
      <translation>Office code*:</translation>
    </message>
    <message>
      <source>单位名称</source>
      <translation>Office name</translation>
    </message>
    <message>
      <source>单位名称*：</source>
      <translation>Office name*:</translation>
    </message>
    <message>
      <source>单位：{office}。</source>
      <translation>Office: {office}.</translation>
    </message>
    <message>
      <source>单位：{unit}</source>
      <translation>Unit: {unit}</translation>
    </message>
    <message>
      <source>历史</source>
      <translation>History</translation>
    </message>
    <message>
      <source>历史…</source>
      <translation>History…</translation>
    </message>
    <message>
      <source>历史：{noun}「{name}」</source>
      <translation>History: {noun} “{name}”</translation>
    </message>
    <message>
      <source>原值</source>
      <translation>Before</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>原工作表</source>
      <translation>Original sheet</translation>
    </message>
    <message>
      <source>原有文件未改动</source>
      <translation>The existing file was not changed</translation>
    </message>
    <message>
      <source>原行号</source>
      <translation>Original row</translation>
    </message>
    <message>
      <source>县</source>
      <translation>County</translation>
    </message>
    <message>
      <source>县级</source>
      <translation>county level</translation>
    </message>
    <message>
      <source>县（市）</source>
      <translation>County (city)</translation>
    </message>
    <message>
      <source>发</source>
      <translation>To</translation>
    </message>
    <message>
      <source>发现 {n} 处问题（见下方，按工作表/行/列列出）。请修改文件或对应关系后重新预览，或勾选「只导入无误的行」。</source>
      <translation>Problems found: {n} (listed below by sheet / row / column). Correct the file or the column mapping and preview again, or tick “Import only the rows without errors”.</translation>
    </message>
    <message>
      <source>发现时间</source>
      <translation>Found at</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>受援方</source>
      <translation>Assisted side</translation>
    </message>
    <message>
      <source>受援方来挂职跟岗</source>
      <translation>Cadres received from the assisted side</translation>
    </message>
    <message>
      <source>受援方：{name}</source>
      <translation>Assisted: {name}</translation>
    </message>
    <message>
      <source>变化</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>只导入无误的行（错误行另存为新工作簿）(&amp;O)</source>
      <translation>Import &amp;only the rows without errors (rows with errors are saved to a new workbook)</translation>
    </message>
    <message>
      <source>只有序号或未导入的列，没有内容</source>
      <translation>Only a row number or columns not imported; no content</translation>
    </message>
    <message>
      <source>只能导入台账工作簿（.xlsx、.xls、.ods）或汇总包（.pairtrack.zip）。</source>
      <translation>Only ledger workbooks (.xlsx, .xls, .ods) or consolidation packages (.pairtrack.zip) can be imported.</translation>
    </message>
    <message>
      <source>只读：{reason}</source>
      <translation>Read-only: {reason}</translation>
    </message>
    <message>
      <source>只需查看时，summary、brief、export、check 等命令和以只读方式打开的窗口仍可使用。</source>
      <translation>To only look at it, the summary, brief, export and check commands and a window opened read-only still work.</translation>
    </message>
    <message>
      <source>可以打开其他数据库文件，或从 backups 文件夹中的备份恢复。</source>
      <translation>You can open another database file, or restore from a backup in the backups folder.</translation>
    </message>
    <message>
      <source>可点击「调整对应关系…」指定各列的含义。</source>
      <translation>Click “Adjust column mapping…” to say what each column holds.</translation>
    </message>
    <message>
      <source>可选：{choices}</source>
      <translation>Choices: {choices}</translation>
    </message>
    <message>
      <source>台账</source>
      <translation>Ledger</translation>
    </message>
    <message>
      <source>台账或汇总包 (*.xlsx *.xlsm *.xls *.ods *.pairtrack.zip);;所有文件 (*)</source>
      <translation>Ledgers or consolidation packages (*.xlsx *.xlsm *.xls *.ods *.pairtrack.zip);;All files (*)</translation>
    </message>
    <message>
      <source>各单位数据截至时间</source>
      <translation>Data as of, per office</translation>
    </message>
    <message>
      <source>各表变更数量</source>
      <translation>Changes per table</translation>
    </message>
    <message>
      <source>各项指标均未滞后</source>
      <translation>No indicator is lagging</translation>
    </message>
    <message>
      <source>各项指标完成情况</source>
      <translation>Indicator progress</translation>
    </message>
    <message>
      <source>各项指标完成率与序时进度（%）</source>
      <translation>Completion and time-elapsed share per indicator (%)</translation>
    </message>
    <message>
      <source>各项指标完成率图</source>
      <translation>Completion chart</translation>
    </message>
    <message>
      <source>合作协议</source>
      <translation>Agreements</translation>
    </message>
    <message>
      <source>合作意向尚未签约，不应有签订日期；已签约请把状态改为「已签约」</source>
      <translation>An intention not yet signed should have no signing date; if it has been signed, set the status to “Signed”</translation>
    </message>
    <message>
      <source>合并</source>
      <translation>Merge</translation>
    </message>
    <message>
      <source>合计</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>合计行（{texts[0]}），不是记录</source>
      <translation>A total row ({texts[0]}), not a record</translation>
    </message>
    <message>
      <source>同一帮扶方、受援方和协作类型的结对关系已存在{state}</source>
      <translation>A pairing of the same helper, assisted side and programme already exists{state}</translation>
    </message>
    <message>
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>名额</source>
      <translation>Seats</translation>
    </message>
    <message>
      <source>含有控制字符</source>
      <translation>Contains control characters</translation>
    </message>
    <message>
      <source>四</source>
      <translation>4</translation>
    </message>
    <message>
      <source>回族自治区</source>
      <translation>Hui Autonomous Region</translation>
    </message>
    <message>
      <source>土地/耕地</source>
      <translation>Land / farmland</translation>
    </message>
    <message>
      <source>在单元格中直接键入目标值（或双击、按 F2 修改），Enter 保存；资金以万元计。按 Delete 或清空单元格即删除该目标。</source>
      <translation>Type a target into a cell (or double-click it, or press F2 to change it) and press Enter; funds in 10k yuan. Delete, or clearing a cell, deletes that target.</translation>
    </message>
    <message>
      <source>地区</source>
      <translation>Regions</translation>
    </message>
    <message>
      <source>地区「{row['name']}」（{where or '未填省市'}{code}）</source>
      <translation>Region “{row['name']}” ({where or '未填省市'}{code})</translation>
    </message>
    <message>
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>地级</source>
      <translation>prefecture level</translation>
    </message>
    <message>
      <source>培训</source>
      <translation>Training</translation>
    </message>
    <message>
      <source>培训名称</source>
      <translation>Training title</translation>
    </message>
    <message>
      <source>培训名额</source>
      <translation>Training seats</translation>
    </message>
    <message>
      <source>培训类别</source>
      <translation>Training category</translation>
    </message>
    <message>
      <source>培训记录</source>
      <translation>Training records</translation>
    </message>
    <message>
      <source>基础数据</source>
      <translation>Reference data</translation>
    </message>
    <message>
      <source>基础数据包中不应有这类记录</source>
      <translation>A reference-data package should not contain records of this kind</translation>
    </message>
    <message>
      <source>壮族自治区</source>
      <translation>Zhuang Autonomous Region</translation>
    </message>
    <message>
      <source>处理汇总冲突</source>
      <translation>Resolve consolidation conflicts</translation>
    </message>
    <message>
      <source>处理汇总冲突…</source>
      <translation>Resolve consolidation conflicts…</translation>
    </message>
    <message>
      <source>备份</source>
      <translation>Backup</translation>
    </message>
    <message>
      <source>备份…</source>
      <translation>Back up…</translation>
    </message>
    <message>
      <source>备份「{path}」不完整，不能用来恢复：缺少 {'、'.join(missing[:5])}。请选择另一个备份；当前数据库未作任何改动。</source>
      <translation>Backup “{path}” is incomplete and cannot be restored from: {'、'.join(missing[:5])} missing. Please choose another backup; the current database has not been changed.</translation>
    </message>
    <message>
      <source>备份「{path}」不完整，不能用来恢复：缺少表 {'、'.join(missing[:5])}。请选择另一个备份；当前数据库未作任何改动。</source>
      <translation>The backup “{path}” is incomplete and cannot be restored: tables {'、'.join(missing[:5])} are missing. Choose another backup; the current database was not changed.</translation>
    </message>
    <message>
      <source>备份「{path}」不是 PairTrack 数据库的备份，不能用来恢复。当前数据库未作任何改动。</source>
      <translation>The backup “{path}” is not a backup of a PairTrack database and cannot be restored. The current database was not changed.</translation>
    </message>
    <message>
      <source>备份「{path}」不能用来恢复：{refused}</source>
      <translation>Backup “{path}” cannot be restored from: {refused}</translation>
    </message>
    <message>
      <source>备份「{path}」已损坏或不完整，不能用来恢复（{first_line(result.stderr)}）。请选择另一个备份；当前数据库未作任何改动。</source>
      <translation>The backup “{path}” is damaged or incomplete and cannot be restored ({first_line(result.stderr)}). Choose another backup; the current database was not changed.</translation>
    </message>
    <message>
      <source>备份「{path}」已损坏，不能用来恢复：SQLite 完整性检查发现 {problems[0]}</source>
      <translation>Backup “{path}” is damaged and cannot be restored from: the SQLite integrity check found {problems[0]}</translation>
    </message>
    <message>
      <source>备份「{path}」由更新版本的 pg_dump 写入，这台电脑上的 pg_restore 读不了（{first_line(result.stderr)}）。请安装更新版本的 PostgreSQL 客户端工具。</source>
      <translation>The backup “{path}” was written by a newer pg_dump that the pg_restore on this computer cannot read ({first_line(result.stderr)}). Install newer PostgreSQL client tools.</translation>
    </message>
    <message>
      <source>备份「{source}」未通过检查，不能用来恢复：{listed}{more}。请选择另一个备份；当前数据库未作任何改动。</source>
      <translation>Backup “{source}” failed its checks and cannot be restored from: {listed}{more}. Please choose another backup; the current database has not been changed.</translation>
    </message>
    <message>
      <source>备份不能用来恢复：{refused}</source>
      <translation>The backup cannot be restored: {refused}</translation>
    </message>
    <message>
      <source>备份与恢复</source>
      <translation>Backups and restore</translation>
    </message>
    <message>
      <source>备份与恢复…</source>
      <translation>Backups and restore…</translation>
    </message>
    <message>
      <source>备份列表</source>
      <translation>Backups</translation>
    </message>
    <message>
      <source>备份到</source>
      <translation>Back up to</translation>
    </message>
    <message>
      <source>备份副本未通过完整性检查（{problems[0]}），已丢弃；数据库「{source}」本身可能已损坏，请运行 pairtrack check。</source>
      <translation>The backup copy failed its integrity check ({problems[0]}) and was discarded; the database “{source}” itself may be damaged: please run pairtrack check.</translation>
    </message>
    <message>
      <source>备份失败</source>
      <translation>Backup failed</translation>
    </message>
    <message>
      <source>备份失败：这台电脑上的 PostgreSQL 工具比数据库服务器旧（{line}）。请安装与服务器同一版本或更新版本的 PostgreSQL 客户端工具，或把环境变量 {PG_BIN_ENV} 设为其 bin 文件夹。</source>
      <translation>Backup failed: the PostgreSQL tools on this computer are older than the database server ({line}). Install PostgreSQL client tools of the server’s version or newer, or set the environment variable {PG_BIN_ENV} to their bin folder.</translation>
    </message>
    <message>
      <source>备份数据库「{shown_name(target)}」失败：{line}</source>
      <translation>Backing up the database “{shown_name(target)}” failed: {line}</translation>
    </message>
    <message>
      <source>备份文件夹中没有它的备份；请运行 pairtrack check 查看问题，或找回其他副本。</source>
      <translation>The backup folder holds no backup of it; please run pairtrack check to see the problem, or find another copy.</translation>
    </message>
    <message>
      <source>备份文件夹：{folder}</source>
      <translation>Backup folder: {folder}</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>复制 {last} 年目标到 {year} 年</source>
      <translation>Copy the {last} targets to {year}</translation>
    </message>
    <message>
      <source>复制上一年目标</source>
      <translation>Copy last year's targets</translation>
    </message>
    <message>
      <source>复制上一年目标(&amp;C)</source>
      <translation>&amp;Copy last year's targets</translation>
    </message>
    <message>
      <source>复制详细信息(&amp;C)</source>
      <translation>&amp;Copy details</translation>
    </message>
    <message>
      <source>复制选中行</source>
      <translation>Copy selected rows</translation>
    </message>
    <message>
      <source>大小</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>女</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>如 12.6、3千、800元</source>
      <translation>e.g. 12.6 (= 126,000 yuan), or ¥800 in yuan</translation>
    </message>
    <message>
      <source>如 2017-03-01</source>
      <translation>e.g. 2017-03-01</translation>
    </message>
    <message>
      <source>如 2017-11-30</source>
      <translation>e.g. 2017-11-30</translation>
    </message>
    <message>
      <source>如 2017-11-30，可不填</source>
      <translation>e.g. 2017-11-30; may be left empty</translation>
    </message>
    <message>
      <source>如 825、12.6万、800元（不写单位即万元）</source>
      <translation>e.g. 825 (×10k yuan), or ¥800 in yuan</translation>
    </message>
    <message>
      <source>如：131001（用于汇总时区分来源）</source>
      <translation>e.g. 131001 (tells the offices apart when consolidating)</translation>
    </message>
    <message>
      <source>如：192.168.1.10 或 db.office.local</source>
      <translation>e.g. 192.168.1.10 or db.office.local</translation>
    </message>
    <message>
      <source>如：5（印为“第5期”），不填则不印</source>
      <translation>e.g. 5 (printed as issue No. 5); left empty, nothing is printed</translation>
    </message>
    <message>
      <source>如：60（印为“共印60份”）</source>
      <translation>e.g. 60 (printed as “60 copies printed”)</translation>
    </message>
    <message>
      <source>如：pairtrack</source>
      <translation>e.g. pairtrack</translation>
    </message>
    <message>
      <source>如：廊坊开发区对口帮扶办公室</source>
      <translation>e.g. Langfang Development Zone paired-assistance office</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>委培教育</source>
      <translation>Commissioned education</translation>
    </message>
    <message>
      <source>字段</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>字段「{key}」出现了两次</source>
      <translation>The field “{key}” appears twice</translation>
    </message>
    <message>
      <source>字段与修订历史不符：{odd}</source>
      <translation>The fields do not match the revision history: {odd}</translation>
    </message>
    <message>
      <source>字段与本程序的{service.noun}不符：{odd}</source>
      <translation>The fields do not match this program's records ({service.noun}): {odd}</translation>
    </message>
    <message>
      <source>季度</source>
      <translation>Quarter</translation>
    </message>
    <message>
      <source>季度应为 1–4，而不是 {quarter}</source>
      <translation>A quarter should be 1–4, not {quarter}</translation>
    </message>
    <message>
      <source>它没有写入任何记录</source>
      <translation>it wrote no record</translation>
    </message>
    <message>
      <source>完成培训</source>
      <translation>People trained</translation>
    </message>
    <message>
      <source>完成率</source>
      <translation>Completion</translation>
    </message>
    <message>
      <source>完整性检查</source>
      <translation>Integrity check</translation>
    </message>
    <message>
      <source>实际</source>
      <translation>Actual</translation>
    </message>
    <message>
      <source>实际返回日期</source>
      <translation>Actual return date</translation>
    </message>
    <message>
      <source>审计记录链在第 {event.seq} 条事件处断开（{event.at}，{event.action} {event.table_name}）：该事件或之前的记录被改动过；此后的记录无法再逐条核对</source>
      <translation>The audit chain breaks at event {event.seq} ({event.at}, {event.action} {event.table_name}): that event or an earlier one was changed; the records after it can no longer be checked one by one</translation>
    </message>
    <message>
      <source>密码(&amp;W)：</source>
      <translation>Pass&amp;word:</translation>
    </message>
    <message>
      <source>对方保存的值</source>
      <translation>Their saved value</translation>
    </message>
    <message>
      <source>对方保存的值与您填写的值</source>
      <translation>Their saved values and yours</translation>
    </message>
    <message>
      <source>对方的值</source>
      <translation>Incoming value</translation>
    </message>
    <message>
      <source>对方的历史记录被改写过</source>
      <translation>The other office's history was rewritten</translation>
    </message>
    <message>
      <source>对选中的 {n} 个冲突{what}？
处理后不能撤销（之后仍可在记录页修改该记录）。</source>
      <translation>{what} for the selected conflicts ({n})?
This cannot be undone (the record can still be edited on its page afterwards).</translation>
    </message>
    <message>
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>导入 · {file}</source>
      <translation>Import · {file}</translation>
    </message>
    <message>
      <source>导入(&amp;I)</source>
      <translation>&amp;Import</translation>
    </message>
    <message>
      <source>导入…</source>
      <translation>Import…</translation>
    </message>
    <message>
      <source>导入「{file}」</source>
      <translation>Import “{file}”</translation>
    </message>
    <message>
      <source>导入为</source>
      <translation>Import as</translation>
    </message>
    <message>
      <source>导入完成</source>
      <translation>Import finished</translation>
    </message>
    <message>
      <source>导入的值</source>
      <translation>Imported value</translation>
    </message>
    <message>
      <source>导入编号 {batch.id}（{batch.file_name}）写入的记录上，另一次导入（编号 {later.import_id}）记下了冲突，例如{_example(ledger, session, table, later.row_id)}；请先撤销那次导入，或处理完冲突后不再撤销这次导入。</source>
      <translation>Another import (no. {later.import_id}) recorded conflicts on records written by import no. {batch.id} ({batch.file_name}), for example {_example(ledger, session, table, later.row_id)}; undo that import first, or do not undo this one once its conflicts are resolved.</translation>
    </message>
    <message>
      <source>导入编号 {batch.id}（{batch.file_name}）写入的记录中有 {len(changed)} 条在导入之后又被修改或删除过，例如{_example(ledger, session, table, row_id)}；撤销会丢掉这些修改，因此未撤销。请先撤销或改回这些修改。</source>
      <translation>{len(changed)} of the records written by import no. {batch.id} ({batch.file_name}) were changed or deleted after the import, for example {_example(ledger, session, table, row_id)}; undoing would lose those changes, so it was not undone. Undo or revert those changes first.</translation>
    </message>
    <message>
      <source>导入编号 {batch.id}（{batch.file_name}）带来的冲突已经有人处理过，例如{_example(ledger, session, settled.table_name, settled.row_id)}；撤销会丢掉处理的结果，因此未撤销。</source>
      <translation>The conflicts brought by import no. {batch.id} ({batch.file_name}) have already been resolved, for example {_example(ledger, session, settled.table_name, settled.row_id)}; undoing would lose the resolution, so it was not undone.</translation>
    </message>
    <message>
      <source>导入编号 {batch.id}（{batch.file_name}）新增的记录已被 {len(found)} 条其他记录引用，例如{_example(ledger, session, table, row_id)}；未撤销。请先删除或改挂这些记录。</source>
      <translation>The records added by import no. {batch.id} ({batch.file_name}) are referred to by {len(found)} other records, for example {_example(ledger, session, table, row_id)}; not undone. Delete those records or attach them elsewhere first.</translation>
    </message>
    <message>
      <source>导入编号 {import_id} 的撤销信息含有未知的表：{'、'.join(unknown)}</source>
      <translation>The undo information of import no. {import_id} names unknown tables: {'、'.join(unknown)}</translation>
    </message>
    <message>
      <source>导入编号 {import_id} 的类型「{batch.kind}」无法撤销。</source>
      <translation>Import no. {import_id} of the kind “{batch.kind}” cannot be undone.</translation>
    </message>
    <message>
      <source>导入编号 {import_id}（{batch.file_name}）已于 {local_time(batch.undone_at)} 撤销过，不能再次撤销。</source>
      <translation>Import no. {import_id} ({batch.file_name}) was undone on {local_time(batch.undone_at)}; it cannot be undone again.</translation>
    </message>
    <message>
      <source>导入记录</source>
      <translation>Imports</translation>
    </message>
    <message>
      <source>导入记录…</source>
      <translation>Imports…</translation>
    </message>
    <message>
      <source>导入记录列表</source>
      <translation>Imports</translation>
    </message>
    <message>
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>导出…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <source>导出到</source>
      <translation>Export to</translation>
    </message>
    <message>
      <source>导出失败</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <source>导出空白台账模板（含下拉列表与说明）</source>
      <translation>Export a blank ledger template (with drop-down lists and notes)</translation>
    </message>
    <message>
      <source>导航</source>
      <translation>Navigation</translation>
    </message>
    <message>
      <source>将用您填写的内容覆盖 {operator} 于 {time} 保存的修改。确定覆盖吗？</source>
      <translation>Your entries will replace the changes {operator} saved at {time}. Overwrite them?</translation>
    </message>
    <message>
      <source>就业培训</source>
      <translation>Employment training</translation>
    </message>
    <message>
      <source>州</source>
      <translation>prefecture</translation>
    </message>
    <message>
      <source>工作簿「{path.name}」中没有能识别的台账：工作表 {names} 都找不到表头。请在窗口中导入以指定各列的含义，或使用导出的模板。</source>
      <translation>Workbook “{path.name}” holds no ledger that can be recognised: no header was found on the sheets {names}. Import it in the window to say what each column holds, or use the exported template.</translation>
    </message>
    <message>
      <source>工作簿「{path.name}」已损坏（其中的工作表数据无法解压），无法读取。请用 Excel 或 WPS 打开检查，或另存一份后再导入。</source>
      <translation>The workbook “{path.name}” is damaged (a sheet's data cannot be decompressed) and cannot be read. Open it in Excel or WPS to check it, or save a copy and import that.</translation>
    </message>
    <message>
      <source>工作簿「{path.name}」的工作表都选择了不导入：请至少为一个工作表选择记录类型。</source>
      <translation>Every sheet of workbook “{path.name}” is set to not import: choose a record type for at least one sheet.</translation>
    </message>
    <message>
      <source>工作簿中没有可导入的工作表（只有空白工作表或程序生成的说明页）</source>
      <translation>The workbook has no sheet to import (only blank sheets or notes written by the program)</translation>
    </message>
    <message>
      <source>工作表</source>
      <translation>Sheets</translation>
    </message>
    <message>
      <source>工具栏</source>
      <translation>Toolbar</translation>
    </message>
    <message>
      <source>已从「{file}」恢复（备份已通过检查）。</source>
      <translation>Restored from “{file}” (the backup passed its checks).</translation>
    </message>
    <message>
      <source>已保存到：{path}</source>
      <translation>Saved to: {path}</translation>
    </message>
    <message>
      <source>已删除（{str(value)[:10]}）</source>
      <translation>Deleted ({str(value)[:10]})</translation>
    </message>
    <message>
      <source>已取消生成简报。</source>
      <translation>Brief generation cancelled.</translation>
    </message>
    <message>
      <source>已取消，未写入任何内容。</source>
      <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
      <source>已备份到：{path}</source>
      <translation>Backed up to: {path}</translation>
    </message>
    <message>
      <source>已复制</source>
      <translation>Copied</translation>
    </message>
    <message>
      <source>已复制 {n} 项目标。</source>
      <translation>Targets copied: {n}.</translation>
    </message>
    <message>
      <source>已完成</source>
      <translation>Completed</translation>
    </message>
    <message>
      <source>已导入，请核对</source>
      <translation>imported, please check</translation>
    </message>
    <message>
      <source>已导入：共变更 {n} 条记录。</source>
      <translation>Imported; records changed: {n}.</translation>
    </message>
    <message>
      <source>已导出到：{path}</source>
      <translation>Exported to: {path}</translation>
    </message>
    <message>
      <source>已恢复</source>
      <translation>Restored</translation>
    </message>
    <message>
      <source>已损坏，无法解压（{type(exc).__name__}: {exc}）</source>
      <translation>Damaged, cannot be unpacked ({type(exc).__name__}: {exc})</translation>
    </message>
    <message>
      <source>已撤销</source>
      <translation>Undone</translation>
    </message>
    <message>
      <source>已撤销导入编号 {self.import_id}（{self.file_name}）</source>
      <translation>Undid import no. {self.import_id} ({self.file_name})</translation>
    </message>
    <message>
      <source>已生成，共 {n} 页</source>
      <translation>Generated; pages: {n}</translation>
    </message>
    <message>
      <source>已签约</source>
      <translation>Signed</translation>
    </message>
    <message>
      <source>已经保存的数据不会丢失：每次保存都是数据库中的一个完整事务，要么全部写入，要么完全不写入，出错的这一步不会只写了一半。刚才的操作可能没有完成，请查看结果后再试一次。程序可以继续使用，尚未保存的窗口仍然打开着。</source>
      <translation>Data already saved is not lost: every save is one complete transaction in the database, written whole or not at all, so the failed step left nothing half-written. The last action may not have finished: please check the result and try again. The program can go on; windows not yet saved are still open.</translation>
    </message>
    <message>
      <source>已被 {holder} 打开</source>
      <translation>open by {holder}</translation>
    </message>
    <message>
      <source>已送打印机，共 {n} 页</source>
      <translation>Sent to the printer; pages: {n}</translation>
    </message>
    <message>
      <source>已选择不导入</source>
      <translation>set to not import</translation>
    </message>
    <message>
      <source>市</source>
      <translation>City</translation>
    </message>
    <message>
      <source>市内结对</source>
      <translation>Within a city</translation>
    </message>
    <message>
      <source>市（州）</source>
      <translation>City (prefecture)</translation>
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>帮扶方</source>
      <translation>Helper</translation>
    </message>
    <message>
      <source>帮扶方和受援方不能是同一个地区</source>
      <translation>The helper and the assisted side cannot be the same region</translation>
    </message>
    <message>
      <source>帮扶方：{name}</source>
      <translation>Helper: {name}</translation>
    </message>
    <message>
      <source>帮扶资金</source>
      <translation>Funds</translation>
    </message>
    <message>
      <source>帮扶资金记录</source>
      <translation>Fund records</translation>
    </message>
    <message>
      <source>干部交流</source>
      <translation>Cadre exchange</translation>
    </message>
    <message>
      <source>干部交流记录</source>
      <translation>Cadre exchange records</translation>
    </message>
    <message>
      <source>干部人才交流</source>
      <translation>Cadre exchange</translation>
    </message>
    <message>
      <source>年份</source>
      <translation>year</translation>
    </message>
    <message>
      <source>年度</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>年度目标</source>
      <translation>Annual targets</translation>
    </message>
    <message>
      <source>年度目标表</source>
      <translation>Annual target table</translation>
    </message>
    <message>
      <source>年度：</source>
      <translation>Year:</translation>
    </message>
    <message>
      <source>序时进度</source>
      <translation>Time elapsed</translation>
    </message>
    <message>
      <source>应为 0–{MAX_MEMBER_BYTES} 的整数</source>
      <translation>should be a whole number from 0 to {MAX_MEMBER_BYTES}</translation>
    </message>
    <message>
      <source>应为 64 位小写十六进制数</source>
      <translation>should be a 64-digit lower-case hexadecimal number</translation>
    </message>
    <message>
      <source>应为 JSON {_JSON_TYPE[kind]}，而不是 {shown}</source>
      <translation>should be JSON {_JSON_TYPE[kind]}, not {shown}</translation>
    </message>
    <message>
      <source>应为 {CHAIN_DIGITS} 位十六进制数</source>
      <translation>should be a {CHAIN_DIGITS}-digit hexadecimal number</translation>
    </message>
    <message>
      <source>应为一条{service.noun}的全部内容字段</source>
      <translation>should be all the content fields of one record ({service.noun})</translation>
    </message>
    <message>
      <source>应为不小于 0 的整数</source>
      <translation>should be a whole number not below 0</translation>
    </message>
    <message>
      <source>应为含 bytes 和 sha256 两项的对象</source>
      <translation>should be an object with the two items bytes and sha256</translation>
    </message>
    <message>
      <source>应为含 code 和 name 两项的对象</source>
      <translation>should be an object with the two items code and name</translation>
    </message>
    <message>
      <source>应为对象</source>
      <translation>should be an object</translation>
    </message>
    <message>
      <source>应为整数，而不是 {value}</source>
      <translation>should be a whole number, not {value}</translation>
    </message>
    <message>
      <source>应为文字</source>
      <translation>should be text</translation>
    </message>
    <message>
      <source>应为日期</source>
      <translation>should be a date</translation>
    </message>
    <message>
      <source>应为时间文字</source>
      <translation>should be a time as text</translation>
    </message>
    <message>
      <source>应为空，或以一个空格分隔的一到两个其他修订号，而不是「{value}」</source>
      <translation>should be empty, or one or two other revision ids separated by a space, not “{value}”</translation>
    </message>
    <message>
      <source>应为金额</source>
      <translation>should be an amount</translation>
    </message>
    <message>
      <source>开发区</source>
      <translation>Development zone</translation>
    </message>
    <message>
      <source>开始</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>开始日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <source>开班</source>
      <translation>Opens</translation>
    </message>
    <message>
      <source>开班日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <source>当前数据库含有备份「{source}」中没有的表 {'、'.join(extra[:5])}，恢复后会留下不属于备份结构版本的表，因此未恢复。当前数据库未作任何改动。</source>
      <translation>The current database has tables that the backup “{source}” lacks ({'、'.join(extra[:5])}); they would be left over after the restore, so nothing was restored. The current database was not changed.</translation>
    </message>
    <message>
      <source>当前数据库：</source>
      <translation>Current database:</translation>
    </message>
    <message>
      <source>录入 {year} 年目标(&amp;T)…</source>
      <translation>Enter the &amp;targets for {year}…</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Gender</translation>
    </message>
    <message>
      <source>总览</source>
      <translation>Overview</translation>
    </message>
    <message>
      <source>恢复</source>
      <translation>Restore</translation>
    </message>
    <message>
      <source>恢复前备份</source>
      <translation>Before restore</translation>
    </message>
    <message>
      <source>恢复前的数据已备份到：{path}</source>
      <translation>The data before the restore was backed up to: {path}</translation>
    </message>
    <message>
      <source>恢复后检查发现 {n} 个问题：</source>
      <translation>The check after the restore found {n} problems:</translation>
    </message>
    <message>
      <source>恢复后检查：审计记录链完整，未发现问题。</source>
      <translation>Check after the restore: the audit chain is intact; no problems found.</translation>
    </message>
    <message>
      <source>恢复失败</source>
      <translation>Restore failed</translation>
    </message>
    <message>
      <source>恢复它修改过的记录：{listed(self.restored)}</source>
      <translation>restore the records it changed: {listed(self.restored)}</translation>
    </message>
    <message>
      <source>恢复所选备份(&amp;R)…</source>
      <translation>&amp;Restore the selected backup…</translation>
    </message>
    <message>
      <source>您填写的值</source>
      <translation>Your value</translation>
    </message>
    <message>
      <source>您的修改尚未保存。下表列出对方保存的值与您填写的值不同的字段；加粗的是对方修改过的字段。</source>
      <translation>Your changes have not been saved. The table lists the fields where their saved value and yours differ; the fields they changed are in bold.</translation>
    </message>
    <message>
      <source>您的修改尚未保存。对方保存的内容与您填写的相同。</source>
      <translation>Your changes have not been saved. What they saved is the same as what you entered.</translation>
    </message>
    <message>
      <source>意向</source>
      <translation>Intention</translation>
    </message>
    <message>
      <source>截止日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>截至 {month} 月底</source>
      <translation>Through the end of month {month}</translation>
    </message>
    <message>
      <source>截至{year}年{month}月底</source>
      <translation>Through the end of {month}/{year}</translation>
    </message>
    <message>
      <source>截至月份</source>
      <translation>Through month</translation>
    </message>
    <message>
      <source>截至月底</source>
      <translation>Year to date</translation>
    </message>
    <message>
      <source>所在位置不允许写入</source>
      <translation>the location does not allow writing</translation>
    </message>
    <message>
      <source>所在的磁盘或文件夹是只读的</source>
      <translation>The disk or folder it is on is read-only</translation>
    </message>
    <message>
      <source>所属协议</source>
      <translation>Agreement</translation>
    </message>
    <message>
      <source>所属协议不属于这个结对关系</source>
      <translation>The agreement does not belong to this pairing</translation>
    </message>
    <message>
      <source>手动备份</source>
      <translation>Manual backup</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>打印(&amp;P)…</source>
      <translation>&amp;Print…</translation>
    </message>
    <message>
      <source>打印失败</source>
      <translation>Printing failed</translation>
    </message>
    <message>
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>打开(&amp;O)</source>
      <translation>&amp;Open</translation>
    </message>
    <message>
      <source>打开其他数据库…</source>
      <translation>Open another database…</translation>
    </message>
    <message>
      <source>打开数据库</source>
      <translation>Open database</translation>
    </message>
    <message>
      <source>打开数据库…</source>
      <translation>Open database…</translation>
    </message>
    <message>
      <source>打开日志文件夹(&amp;L)</source>
      <translation>Open the &amp;log folder</translation>
    </message>
    <message>
      <source>打开时会升级到结构版本 {head}。</source>
      <translation>Opening it upgrades it to schema version {head}.</translation>
    </message>
    <message>
      <source>执行中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>批量新增</source>
      <translation>Add in bulk</translation>
    </message>
    <message>
      <source>找不到</source>
      <translation>Not found:</translation>
    </message>
    <message>
      <source>找不到 PostgreSQL 的 {name} 工具（已在 {places} 中查找），无法备份或恢复服务器上的数据库。请在这台电脑上安装与服务器同一版本或更新版本的 PostgreSQL 客户端工具（Windows：PostgreSQL 安装程序中的「Command Line Tools」；Linux：postgresql-client），或把环境变量 {PG_BIN_ENV} 设为 {name} 所在的文件夹。</source>
      <translation>PostgreSQL’s {name} tool was not found (looked in {places}), so a database on a server cannot be backed up or restored. Install PostgreSQL client tools of the server’s version or newer on this computer (Windows: “Command Line Tools” in the PostgreSQL installer; Linux: postgresql-client), or set the environment variable {PG_BIN_ENV} to the folder that holds {name}.</translation>
    </message>
    <message>
      <source>找不到备份文件「{path}」。</source>
      <translation>Backup file “{path}” not found.</translation>
    </message>
    <message>
      <source>找不到备份文件「{source}」。</source>
      <translation>Backup file “{source}” not found.</translation>
    </message>
    <message>
      <source>找不到数据库文件「{target}」，无法以只读方式打开。</source>
      <translation>Database file “{target}” not found; cannot open it read-only.</translation>
    </message>
    <message>
      <source>找不到数据库服务器「{host}」：这个名称无法解析。请检查服务器地址。</source>
      <translation>Cannot find the database server “{host}”: the name cannot be resolved. Check the server address.</translation>
    </message>
    <message>
      <source>找不到文件「{path}」。</source>
      <translation>File “{path}” not found.</translation>
    </message>
    <message>
      <source>找不到该{self.noun}（编号 {row_id}），它可能已被删除</source>
      <translation>Not found: {self.noun}, id {row_id}; it may have been deleted</translation>
    </message>
    <message>
      <source>找不到该{service.noun}导入时的内容，无法采用对方的值</source>
      <translation>The content of this record ({service.noun}) at import was not found; cannot take the incoming value</translation>
    </message>
    <message>
      <source>承办单位</source>
      <translation>Organiser</translation>
    </message>
    <message>
      <source>把 {last} 年的目标复制到 {year} 年吗？已有的目标保持不变。</source>
      <translation>Copy the targets of {last} to {year}? Targets already set stay as they are.</translation>
    </message>
    <message>
      <source>报</source>
      <translation>Report to</translation>
    </message>
    <message>
      <source>报名</source>
      <translation>Enrolled</translation>
    </message>
    <message>
      <source>报名人数</source>
      <translation>Enrolled</translation>
    </message>
    <message>
      <source>拨付日期</source>
      <translation>Allocation date</translation>
    </message>
    <message>
      <source>挂职岗位</source>
      <translation>Post</translation>
    </message>
    <message>
      <source>指标</source>
      <translation>Indicator</translation>
    </message>
    <message>
      <source>按{label}筛选</source>
      <translation>Filter by {label}</translation>
    </message>
    <message>
      <source>按“{column}”升序排列</source>
      <translation>Sort by “{column}”, ascending</translation>
    </message>
    <message>
      <source>按“{column}”降序排列</source>
      <translation>Sort by “{column}”, descending</translation>
    </message>
    <message>
      <source>按上次确认的对应关系</source>
      <translation>as last confirmed</translation>
    </message>
    <message>
      <source>按导出模板</source>
      <translation>as the exported template</translation>
    </message>
    <message>
      <source>按年度筛选</source>
      <translation>Filter by year</translation>
    </message>
    <message>
      <source>按来源单位筛选</source>
      <translation>Filter by office</translation>
    </message>
    <message>
      <source>按确认的对应关系</source>
      <translation>as confirmed</translation>
    </message>
    <message>
      <source>按结对关系筛选</source>
      <translation>Filter by pairing</translation>
    </message>
    <message>
      <source>接收单位</source>
      <translation>Host unit</translation>
    </message>
    <message>
      <source>搜索</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>搜索（名称、地区、单位、备注…）</source>
      <translation>Search (names, regions, units, notes…)</translation>
    </message>
    <message>
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>撤销“{step}”</source>
      <translation>Undo “{step}”</translation>
    </message>
    <message>
      <source>撤销导入</source>
      <translation>Undo import</translation>
    </message>
    <message>
      <source>撤销导入编号 {id}（{file}，{when}）吗？它新增的记录将被删除，它修改过的记录恢复原样。</source>
      <translation>Undo import no. {id} ({file}, {when})? The records it added will be deleted and the records it changed restored.</translation>
    </message>
    <message>
      <source>撤销此次导入</source>
      <translation>Undo this import</translation>
    </message>
    <message>
      <source>撤销此次导入(&amp;U)</source>
      <translation>&amp;Undo this import</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Operation</translation>
    </message>
    <message>
      <source>操作人</source>
      <translation>Operator</translation>
    </message>
    <message>
      <source>操作员</source>
      <translation>Operator</translation>
    </message>
    <message>
      <source>操作员*：</source>
      <translation>Operator*:</translation>
    </message>
    <message>
      <source>操作员：{name}</source>
      <translation>Operator: {name}</translation>
    </message>
    <message>
      <source>改为(&amp;V)：</source>
      <translation>Change to &amp;value:</translation>
    </message>
    <message>
      <source>改为「{value}」</source>
      <translation>change to “{value}”</translation>
    </message>
    <message>
      <source>改为此值(&amp;C)</source>
      <translation>&amp;Change to this value</translation>
    </message>
    <message>
      <source>放弃我的修改(&amp;D)</source>
      <translation>&amp;Discard my changes</translation>
    </message>
    <message>
      <source>教师</source>
      <translation>Teacher</translation>
    </message>
    <message>
      <source>教育</source>
      <translation>Education</translation>
    </message>
    <message>
      <source>数据库</source>
      <translation>Database</translation>
    </message>
    <message>
      <source>数据库{where}出错：{_text(exc)}。</source>
      <translation>Database error{where}: {_text(exc)}.</translation>
    </message>
    <message>
      <source>数据库{where}正被其他程序占用（可能是另一个 PairTrack 窗口正在保存），超过等待时间仍未释放，未写入任何内容。请稍后再试，或关闭另一个程序。</source>
      <translation>The database{where} is in use by another program (perhaps another PairTrack window is saving) and was not released in time; nothing was written. Please try again later, or close the other program.</translation>
    </message>
    <message>
      <source>数据库「{name}」在 PostgreSQL 服务器上，用 pg_dump / pg_restore 备份和恢复（需要在这台电脑上安装 PostgreSQL 客户端工具）。恢复前会先检查备份，并把当前内容另存一份备份，可以再恢复回来。</source>
      <translation>The database “{name}” is on a PostgreSQL server; it is backed up and restored with pg_dump / pg_restore (PostgreSQL client tools must be installed on this computer). A backup is checked before it is restored, and the current content is saved as a backup first, so it can be restored again.</translation>
    </message>
    <message>
      <source>数据库「{name}」由更新版本的 PairTrack 写入（结构版本 {revision}），当前程序无法安全打开。请升级 PairTrack 后再打开；文件未作任何改动。</source>
      <translation>Database “{name}” was written by a newer version of PairTrack (schema version {revision}); this program cannot open it safely. Please upgrade PairTrack and open it again; the file has not been changed.</translation>
    </message>
    <message>
      <source>数据库「{path}」已被 {holder.describe()} 打开。同一台账同时在两处修改会互相覆盖，请先关闭那边的 PairTrack；只需查看时可以只读方式打开。</source>
      <translation>Database “{path}” is already open by {holder.describe()}. Changing the same ledger in two places at once overwrites each other's work: please close PairTrack there first; to only look at it, open it read-only.</translation>
    </message>
    <message>
      <source>数据库「{path}」所在的位置是只读的（文件或文件夹不允许写入，例如光盘、只读共享或被设为只读的文件），PairTrack 无法在那里保存。文件没有损坏：请把它复制到可写的文件夹再打开，或取消文件的只读属性。</source>
      <translation>Database “{path}” is in a read-only place (the file or folder cannot be written, e.g. a CD, a read-only share or a file set read-only), so PairTrack cannot save there. The file is not damaged: copy it to a writable folder and open it there, or clear the file's read-only attribute.</translation>
    </message>
    <message>
      <source>数据库「{path}」由较早版本的 PairTrack 写入（结构版本 {revision}，当前为 {head_revision()}），需要先升级才能使用；只读打开时不能升级。请在可写的位置（把文件复制到本机可写的文件夹，或关闭正在使用它的程序后）用 PairTrack 打开一次，升级会自动完成。文件未作任何改动。</source>
      <translation>Database “{path}” was written by an older PairTrack (schema version {revision}, the current one is {head_revision()}) and must be upgraded before use, which cannot be done read-only. Open it once with PairTrack in a writable place (copy the file to a writable local folder, or close the program using it), and the upgrade is done automatically. The file has not been changed.</translation>
    </message>
    <message>
      <source>数据库「{shown_name(target)}」正有人在写入，暂时不能恢复；请稍后再试。当前数据库未作任何改动。</source>
      <translation>Someone is writing to the database “{shown_name(target)}”, so it cannot be restored right now; try again later. The current database was not changed.</translation>
    </message>
    <message>
      <source>数据库「{shown_name(target)}」还不是当前结构（当前为 {head_revision()}），只读打开时不能创建或升级。请以可写方式打开一次。</source>
      <translation>The database “{shown_name(target)}” does not have the current structure yet (current: {head_revision()}); opened read-only it cannot be created or upgraded. Open it once for writing.</translation>
    </message>
    <message>
      <source>数据库「{shown_name(target)}」还是空的，不是 PairTrack 数据库，没有可备份的内容。</source>
      <translation>The database “{shown_name(target)}” is still empty, not a PairTrack database: there is nothing to back up.</translation>
    </message>
    <message>
      <source>数据库名</source>
      <translation>Database name</translation>
    </message>
    <message>
      <source>数据库名(&amp;D)：</source>
      <translation>&amp;Database name:</translation>
    </message>
    <message>
      <source>数据库地址「{without_password(shown)}」没有写数据库名，应为 postgresql://用户名@服务器:端口/数据库名。</source>
      <translation>The database address “{without_password(shown)}” names no database; it should be postgresql://user@server:port/database.</translation>
    </message>
    <message>
      <source>数据库密码</source>
      <translation>Database password</translation>
    </message>
    <message>
      <source>数据库已被打开</source>
      <translation>Database already open</translation>
    </message>
    <message>
      <source>数据库忙</source>
      <translation>Database busy</translation>
    </message>
    <message>
      <source>数据库所在位置只读</source>
      <translation>The database's location is read-only</translation>
    </message>
    <message>
      <source>数据库拒绝了这次修改（{error.orig}），未写入任何内容</source>
      <translation>The database refused this change ({error.orig}); nothing was written</translation>
    </message>
    <message>
      <source>数据库是以只读方式打开的（{reason}），不能修改，未写入任何内容。</source>
      <translation>The database was opened read-only ({reason}); it cannot be changed and nothing was written.</translation>
    </message>
    <message>
      <source>数据库服务器「{host}」上没有名为「{database}」的数据库。请检查数据库名，或请服务器管理员先建立这个（空的）数据库。</source>
      <translation>The database server “{host}” has no database named “{database}”. Check the database name, or ask the server administrator to create this (empty) database first.</translation>
    </message>
    <message>
      <source>数据库服务器「{host}」上没有用户「{user}」。请检查用户名。</source>
      <translation>The database server “{host}” has no user “{user}”. Check the user name.</translation>
    </message>
    <message>
      <source>数据库服务器「{host}」在限定时间内没有应答。请检查服务器地址和端口，以及网络或防火墙是否允许连接。</source>
      <translation>The database server “{host}” did not answer in time. Check the server address and port, and whether the network or a firewall lets the connection through.</translation>
    </message>
    <message>
      <source>数据库服务器「{host}」要求用户「{user}」输入密码。</source>
      <translation>The database server “{host}” asks user “{user}” for a password.</translation>
    </message>
    <message>
      <source>数据库正被其他程序占用（可能是另一个 PairTrack 窗口正在保存），未写入任何内容。要再试一次吗？</source>
      <translation>The database is in use by another program (perhaps another PairTrack window is saving); nothing was written. Try again?</translation>
    </message>
    <message>
      <source>数据库正被其他程序占用（可能是另一个 PairTrack 窗口正在保存），未写入任何内容。请稍后再试。</source>
      <translation>The database is in use by another program (perhaps another PairTrack window is saving); nothing was written. Please try again later.</translation>
    </message>
    <message>
      <source>数据库结构版本为 {revision}，却含有不属于该版本、且有 {count} 行数据的表 {table}。程序不会猜测如何处理它；请从 backups 文件夹中的备份恢复（pairtrack restore 备份文件）。文件未作任何改动。</source>
      <translation>The database is at schema version {revision} but holds a table {table} with {count} rows that does not belong to that version. The program will not guess what to do with it; please restore from a backup in the backups folder (pairtrack restore BACKUP). The file has not been changed.</translation>
    </message>
    <message>
      <source>数据库：{name}</source>
      <translation>Database: {name}</translation>
    </message>
    <message>
      <source>数据库：{path}</source>
      <translation>Database: {path}</translation>
    </message>
    <message>
      <source>数据截至</source>
      <translation>Data as of</translation>
    </message>
    <message>
      <source>数据截至（各单位最近一次汇总包的导出时间）：</source>
      <translation>Data as of (when each office last exported a consolidation package):</translation>
    </message>
    <message>
      <source>数据校验码 {code} 表示当时已有 {count} 条审计事件，现在只有 {total} 条：此后有历史记录被删除或整个数据库被替换过</source>
      <translation>Data check code {code} says there were {count} audit events then, but now there are only {total}: history was deleted since, or the whole database was replaced</translation>
    </message>
    <message>
      <source>数量</source>
      <translation>Counts</translation>
    </message>
    <message>
      <source>整数</source>
      <translation>whole number</translation>
    </message>
    <message>
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>文件「{batch.file_name}」已于 {local_time(batch.at)} 由 {who} 导入过（导入编号 {batch.id}）</source>
      <translation>File “{batch.file_name}” was already imported on {local_time(batch.at)} by {who} (import no. {batch.id})</translation>
    </message>
    <message>
      <source>文件「{dest}」已存在，未覆盖。请换一个文件名。</source>
      <translation>File “{dest}” already exists and was not overwritten. Please choose another file name.</translation>
    </message>
    <message>
      <source>文件「{path}」已存在，未覆盖。如要替换它，请加 --force。</source>
      <translation>File “{path}” already exists and was not overwritten. To replace it, add --force.</translation>
    </message>
    <message>
      <source>文件夹「{path.parent}」不存在，无法在那里创建数据库。</source>
      <translation>Folder “{path.parent}” does not exist; cannot create a database there.</translation>
    </message>
    <message>
      <source>文件夹「{path}」已存在且不为空，未覆盖。如要替换其中的同名文件，请加 --force。</source>
      <translation>Folder “{path}” exists and is not empty; nothing was overwritten. To replace the files of the same name in it, add --force.</translation>
    </message>
    <message>
      <source>文件夹不存在</source>
      <translation>the folder does not exist</translation>
    </message>
    <message>
      <source>文件有问题，未导入任何内容。</source>
      <translation>The file has problems; nothing was imported.</translation>
    </message>
    <message>
      <source>文号</source>
      <translation>Document no.</translation>
    </message>
    <message>
      <source>文字</source>
      <translation>text</translation>
    </message>
    <message>
      <source>新值</source>
      <translation>After</translation>
    </message>
    <message>
      <source>新区</source>
      <translation>New area</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <source>新增{noun}</source>
      <translation>New — {noun}</translation>
    </message>
    <message>
      <source>新增地区（未与本地任何地区匹配）</source>
      <translation>New region (matches no local region)</translation>
    </message>
    <message>
      <source>新建数据库</source>
      <translation>New database</translation>
    </message>
    <message>
      <source>新建数据库…</source>
      <translation>New database…</translation>
    </message>
    <message>
      <source>旗</source>
      <translation>Banner</translation>
    </message>
    <message>
      <source>无变更</source>
      <translation>No change</translation>
    </message>
    <message>
      <source>无法保存到「{path}」：{error}</source>
      <translation>Could not save to “{path}”: {error}</translation>
    </message>
    <message>
      <source>无法写入「{path}」：{write_problem(exc)}；{kept}。</source>
      <translation>Cannot write “{path}”: {write_problem(exc)}; {kept}.</translation>
    </message>
    <message>
      <source>无法写入未导入行的工作簿「{target}」：{why}。因此未导入任何内容，请换一个可写入的文件夹（或关闭该文件）后再试。</source>
      <translation>Cannot write the workbook of rows not imported, “{target}”: {why}. So nothing was imported; please choose a writable folder (or close that file) and try again.</translation>
    </message>
    <message>
      <source>无法删除</source>
      <translation>Cannot delete</translation>
    </message>
    <message>
      <source>无法复制</source>
      <translation>Cannot copy</translation>
    </message>
    <message>
      <source>无法完成</source>
      <translation>Could not finish</translation>
    </message>
    <message>
      <source>无法导入</source>
      <translation>Cannot import</translation>
    </message>
    <message>
      <source>无法导入：{error}</source>
      <translation>Cannot import: {error}</translation>
    </message>
    <message>
      <source>无法开始打印，请检查打印机。</source>
      <translation>Printing could not start; please check the printer.</translation>
    </message>
    <message>
      <source>无法打开数据库</source>
      <translation>Cannot open database</translation>
    </message>
    <message>
      <source>无法打开数据库{where}（{_text(exc)}）：可能没有访问该文件或文件夹的权限，或网络位置已断开。</source>
      <translation>Cannot open the database{where} ({_text(exc)}): perhaps there is no permission for that file or folder, or the network location is disconnected.</translation>
    </message>
    <message>
      <source>无法打开数据库：{error}</source>
      <translation>Cannot open the database: {error}</translation>
    </message>
    <message>
      <source>无法撤销</source>
      <translation>Cannot undo</translation>
    </message>
    <message>
      <source>无法访问文件「{name}」：{reason}</source>
      <translation>Cannot access the file “{name}”: {reason}</translation>
    </message>
    <message>
      <source>无法识别的日期或日期范围：「{text}」，请写成如 2017.3—2018.3</source>
      <translation>Unrecognised date or date range: “{text}”; write it like 2017.3—2018.3</translation>
    </message>
    <message>
      <source>无法识别的日期：「{shown}」，请按 2017-11-30 的格式输入</source>
      <translation>Unrecognised date: “{shown}”; please type it like 2017-11-30</translation>
    </message>
    <message>
      <source>无法识别的日期：「{text}」，请按 2017-11-30 的格式输入</source>
      <translation>Unrecognised date: “{text}”; please type it like 2017-11-30</translation>
    </message>
    <message>
      <source>无法识别的金额：「{text}」，请输入如 12.6万、800元 这样的数字</source>
      <translation>Unrecognised amount: “{text}”; please type a number such as 12.6 (in 10k yuan)</translation>
    </message>
    <message>
      <source>无法识别的金额：「{yuan}」</source>
      <translation>Unrecognised amount: “{yuan}”</translation>
    </message>
    <message>
      <source>无法读取冲突：{error}</source>
      <translation>Cannot read the conflicts: {error}</translation>
    </message>
    <message>
      <source>无法读取历史：{error}</source>
      <translation>Cannot read the history: {error}</translation>
    </message>
    <message>
      <source>无法读取备份文件「{path}」：{exc.strerror or exc}。</source>
      <translation>Cannot read the backup file “{path}”: {exc.strerror or exc}.</translation>
    </message>
    <message>
      <source>无法读取备份文件夹：{error}</source>
      <translation>Cannot read the backup folder: {error}</translation>
    </message>
    <message>
      <source>无法读取工作簿「{path.name}」：{exc}</source>
      <translation>Cannot read workbook “{path.name}”: {exc}</translation>
    </message>
    <message>
      <source>无法读取年度目标</source>
      <translation>Cannot read the annual targets</translation>
    </message>
    <message>
      <source>无法读取数据库{where}：{_text(exc)}。文件可能已损坏。</source>
      <translation>Cannot read the database{where}: {_text(exc)}. The file may be damaged.</translation>
    </message>
    <message>
      <source>无法读取要打印的文件：{path}</source>
      <translation>Cannot read the file to print: {path}</translation>
    </message>
    <message>
      <source>无法运行「{tool}」：{first_line(result.stderr) or result.stdout}</source>
      <translation>Cannot run “{tool}”: {first_line(result.stderr) or result.stdout}</translation>
    </message>
    <message>
      <source>无法连接数据库服务器「{host}」：服务器没有在这个端口上接受连接。请确认服务器已启动，地址和端口正确。</source>
      <translation>Cannot connect to the database server “{host}”: nothing accepts connections on this port. Check that the server is running and that the address and port are right.</translation>
    </message>
    <message>
      <source>无法连接数据库服务器「{name}」：{detail}。请确认服务器已启动，地址、用户名、密码和数据库名正确。</source>
      <translation>Cannot connect to the database server “{name}”: {detail}. Check that the server is running and that the address, user name, password and database name are right.</translation>
    </message>
    <message>
      <source>无法重做</source>
      <translation>Cannot redo</translation>
    </message>
    <message>
      <source>日志：{path}</source>
      <translation>Log: {path}</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>日期「{text}」有歧义：Excel 把 {whole}.10 也存成 {whole}.1，请写成 {whole}-01 或 {whole}-10（或把单元格设为文本）</source>
      <translation>Date “{text}” is ambiguous: Excel stores {whole}.10 as {whole}.1 too; write it as {whole}-01 or {whole}-10 (or format the cell as text)</translation>
    </message>
    <message>
      <source>日期不存在：「{shown}」</source>
      <translation>No such date: “{shown}”</translation>
    </message>
    <message>
      <source>日期不存在：「{text}」</source>
      <translation>No such date: “{text}”</translation>
    </message>
    <message>
      <source>日期不能为空</source>
      <translation>The date must not be empty</translation>
    </message>
    <message>
      <source>日期文字</source>
      <translation>date text</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>时间文字</source>
      <translation>time text</translation>
    </message>
    <message>
      <source>时间：{time}</source>
      <translation>Time: {time}</translation>
    </message>
    <message>
      <source>是公式，但文件中没有保存计算结果（请在 Excel 或 WPS 中打开、保存后再导入）</source>
      <translation>is a formula, but the file holds no calculated result (open and save it in Excel or WPS, then import it)</translation>
    </message>
    <message>
      <source>是空行</source>
      <translation>is an empty line</translation>
    </message>
    <message>
      <source>显示详细信息(&amp;D)</source>
      <translation>Show &amp;details</translation>
    </message>
    <message>
      <source>暂无需要关注的事项。</source>
      <translation>Nothing needs attention.</translation>
    </message>
    <message>
      <source>更多</source>
      <translation>more</translation>
    </message>
    <message>
      <source>更改文件夹(&amp;C)…</source>
      <translation>&amp;Change folder…</translation>
    </message>
    <message>
      <source>更新</source>
      <translation>Update</translation>
    </message>
    <message>
      <source>最后一条与清单中的审计记录链头不符</source>
      <translation>The last event does not match the head of the audit chain in the manifest</translation>
    </message>
    <message>
      <source>最近打开</source>
      <translation>Open recent</translation>
    </message>
    <message>
      <source>最近打开(&amp;R)</source>
      <translation>Open &amp;recent</translation>
    </message>
    <message>
      <source>月份不存在：「{text}」</source>
      <translation>No such month: “{text}”</translation>
    </message>
    <message>
      <source>月份应为 1–12，而不是 {month}</source>
      <translation>A month should be 1–12, not {month}</translation>
    </message>
    <message>
      <source>有 {n} 个汇总冲突待处理，点击处理</source>
      <translation>Consolidation conflicts to resolve: {n}; click to resolve them</translation>
    </message>
    <message>
      <source>有{count}笔帮扶资金已拨付超过{FUNDS_DAYS}天仍未到位，合计{prose_money(int(total))}。</source>
      <translation>Fund transfers allocated more than {FUNDS_DAYS} days ago and not arrived: {count}, {prose_money(int(total))} in all.</translation>
    </message>
    <message>
      <source>有{count}项合作意向超过{INTENT_DAYS}天仍未签约。</source>
      <translation>Cooperation intentions still unsigned after more than {INTENT_DAYS} days: {count}.</translation>
    </message>
    <message>
      <source>有{total}名交流干部人才已超过计划结束日期仍未登记返回（{parts}）。</source>
      <translation>Seconded cadres and professionals past their planned end date without a recorded return: {total} ({parts}).</translation>
    </message>
    <message>
      <source>有多个同名的</source>
      <translation>several with the same name:</translation>
    </message>
    <message>
      <source>有多个（不同协作类型的）</source>
      <translation>several (of different programmes):</translation>
    </message>
    <message>
      <source>服务器</source>
      <translation>Server</translation>
    </message>
    <message>
      <source>服务器(&amp;S)：</source>
      <translation>&amp;Server:</translation>
    </message>
    <message>
      <source>期</source>
      <translation>issue</translation>
    </message>
    <message>
      <source>期内到位的社会帮扶资金与物资折款合计</source>
      <translation>Social funds and goods in kind arrived in the period</translation>
    </message>
    <message>
      <source>期内到位的财政援助资金合计</source>
      <translation>Fiscal assistance funds arrived in the period</translation>
    </message>
    <message>
      <source>期内在岗的受援方来挂职跟岗人数</source>
      <translation>Cadres from the assisted side on post in the period</translation>
    </message>
    <message>
      <source>期内在岗的派出专业技术人才人数</source>
      <translation>Professionals sent on post in the period</translation>
    </message>
    <message>
      <source>期内在岗的派出党政干部人数</source>
      <translation>Party and government cadres sent on post in the period</translation>
    </message>
    <message>
      <source>期内开班的培训项目名额合计</source>
      <translation>Seats of the training programmes starting in the period</translation>
    </message>
    <message>
      <source>期内签订且期末未终止的合作协议个数</source>
      <translation>Agreements signed in the period and not terminated by its end</translation>
    </message>
    <message>
      <source>期内结业（结束日期在本期内）的培训项目完成人数合计</source>
      <translation>People who completed training programmes ending in the period</translation>
    </message>
    <message>
      <source>期间</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>期间、范围或内容已改动，右侧仍是改动前生成的简报。请点「生成」重新生成后再保存、打开或打印。</source>
      <translation>The period, scope or text changed: the brief on the right is the one generated before. Click “Generate” again before saving, opening or printing it.</translation>
    </message>
    <message>
      <source>期间与范围：</source>
      <translation>Period and scope:</translation>
    </message>
    <message>
      <source>期间有误</source>
      <translation>Wrong period</translation>
    </message>
    <message>
      <source>未删除</source>
      <translation>Not deleted</translation>
    </message>
    <message>
      <source>未填省市</source>
      <translation>province and city not filled in</translation>
    </message>
    <message>
      <source>未导入</source>
      <translation>not imported</translation>
    </message>
    <message>
      <source>未导入的行已另存为：{path}</source>
      <translation>The rows not imported were saved to: {path}</translation>
    </message>
    <message>
      <source>未收到汇总包</source>
      <translation>No consolidation package received</translation>
    </message>
    <message>
      <source>未标注</source>
      <translation>Unmarked</translation>
    </message>
    <message>
      <source>未标记</source>
      <translation>not stamped</translation>
    </message>
    <message>
      <source>未生成。可不附明细表，或缩小期间与范围。</source>
      <translation>Not generated. Leave out the detail tables, or narrow the period and scope.</translation>
    </message>
    <message>
      <source>未留下不完整的文件</source>
      <translation>no incomplete file was left behind</translation>
    </message>
    <message>
      <source>未知的处理方式「{how}」</source>
      <translation>Unknown way to resolve: “{how}”</translation>
    </message>
    <message>
      <source>未知的导出范围「{scope}」</source>
      <translation>Unknown export scope “{scope}”</translation>
    </message>
    <message>
      <source>未知的导出范围「{scope}」：只能是 {'、'.join(SCOPES)}</source>
      <translation>Unknown export scope “{scope}”: it can only be {'、'.join(SCOPES)}</translation>
    </message>
    <message>
      <source>未知的文件</source>
      <translation>unknown file</translation>
    </message>
    <message>
      <source>未知的文件格式：这不是 PairTrack 汇总包。</source>
      <translation>Unknown file format: this is not a PairTrack consolidation package.</translation>
    </message>
    <message>
      <source>未知的汇总包版本「{version}」。</source>
      <translation>Unknown consolidation package version “{version}”.</translation>
    </message>
    <message>
      <source>未知的范围「{scope}」：只能是 {'、'.join(SCOPES)}</source>
      <translation>Unknown scope “{scope}”: it can only be {'、'.join(SCOPES)}</translation>
    </message>
    <message>
      <source>未知的表「{table}」</source>
      <translation>Unknown table “{table}”</translation>
    </message>
    <message>
      <source>未能识别</source>
      <translation>not recognised</translation>
    </message>
    <message>
      <source>未能识别为任何台账：找不到表头（请在导入窗口中指定记录类型和各列的含义）</source>
      <translation>Not recognised as any ledger: no header found (choose the record type and what each column holds in the import window)</translation>
    </message>
    <message>
      <source>未能识别表头，请选择记录类型和表头所在行</source>
      <translation>The header was not recognised: choose the record type and the header row</translation>
    </message>
    <message>
      <source>未设定 {year} 年目标</source>
      <translation>No targets set for {year}</translation>
    </message>
    <message>
      <source>未设目标</source>
      <translation>No target</translation>
    </message>
    <message>
      <source>未设置</source>
      <translation>Not set</translation>
    </message>
    <message>
      <source>未通过：{problem}</source>
      <translation>Failed: {problem}</translation>
    </message>
    <message>
      <source>本单位</source>
      <translation>This office</translation>
    </message>
    <message>
      <source>本单位尚未设置单位代码，无法区分本单位的记录（请先运行 pairtrack settings --office-code 代码）</source>
      <translation>This office has no office code yet, so its records cannot be told apart (first run pairtrack settings --office-code CODE)</translation>
    </message>
    <message>
      <source>本单位录入的记录</source>
      <translation>Records entered by this office</translation>
    </message>
    <message>
      <source>本单位记录包中不应有其他单位录入的记录</source>
      <translation>A package of this office's records should not hold records entered by other offices</translation>
    </message>
    <message>
      <source>本地值</source>
      <translation>Local value</translation>
    </message>
    <message>
      <source>本地还有引用它的{noun}</source>
      <translation>local records ({noun}) still refer to it</translation>
    </message>
    <message>
      <source>本期无明细记录。</source>
      <translation>No detail records in this period.</translation>
    </message>
    <message>
      <source>本程序没有 PostgreSQL 客户端（psycopg），无法打开服务器上的数据库「{shown_name(url)}」。请安装 psycopg[binary]，或使用包含它的安装包。</source>
      <translation>This copy of the program has no PostgreSQL client (psycopg), so it cannot open the server database “{shown_name(url)}”. Install psycopg[binary], or use an installer that includes it.</translation>
    </message>
    <message>
      <source>本页 {n} 条</source>
      <translation>Rows on this page: {n}</translation>
    </message>
    <message>
      <source>来挂职</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>来源协议</source>
      <translation>Source agreement</translation>
    </message>
    <message>
      <source>来源协议不属于这个结对关系</source>
      <translation>The source agreement does not belong to this pairing</translation>
    </message>
    <message>
      <source>来源单位</source>
      <translation>Office</translation>
    </message>
    <message>
      <source>来源单位：{o.label}</source>
      <translation>Office: {o.label}</translation>
    </message>
    <message>
      <source>来源：{source}。</source>
      <translation>Source: {source}. </translation>
    </message>
    <message>
      <source>来自</source>
      <translation>From</translation>
    </message>
    <message>
      <source>来访跟岗</source>
      <translation>Visiting the helper side</translation>
    </message>
    <message>
      <source>林区</source>
      <translation>Forest district</translation>
    </message>
    <message>
      <source>查找</source>
      <translation>Find</translation>
    </message>
    <message>
      <source>查询失败</source>
      <translation>Query failed</translation>
    </message>
    <message>
      <source>格式(&amp;F)</source>
      <translation>&amp;Format</translation>
    </message>
    <message>
      <source>框架</source>
      <translation>Framework</translation>
    </message>
    <message>
      <source>检查无法继续：</source>
      <translation>The check cannot go on:</translation>
    </message>
    <message>
      <source>欢迎使用 PairTrack</source>
      <translation>Welcome to PairTrack</translation>
    </message>
    <message>
      <source>正在估算附表页数…</source>
      <translation>Estimating the pages of the appendix…</translation>
    </message>
    <message>
      <source>正在保存…</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>正在分析文件…</source>
      <translation>Analysing the file…</translation>
    </message>
    <message>
      <source>正在分析文件（不会写入）…</source>
      <translation>Analysing the file (nothing is written)…</translation>
    </message>
    <message>
      <source>正在删除…</source>
      <translation>Deleting…</translation>
    </message>
    <message>
      <source>正在备份…</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <source>正在导入…</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>正在导出…</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>正在打印…</source>
      <translation>Printing…</translation>
    </message>
    <message>
      <source>正在打印第 {done}/{total} 页…</source>
      <translation>Printing page {done}/{total}…</translation>
    </message>
    <message>
      <source>正在打开数据库…</source>
      <translation>Opening the database…</translation>
    </message>
    <message>
      <source>正在打开数据库：{path}…</source>
      <translation>Opening the database: {path}…</translation>
    </message>
    <message>
      <source>正在检查并恢复…</source>
      <translation>Checking and restoring…</translation>
    </message>
    <message>
      <source>正在生成简报…</source>
      <translation>Generating the brief…</translation>
    </message>
    <message>
      <source>正在装入演示数据…</source>
      <translation>Loading the demo data…</translation>
    </message>
    <message>
      <source>正在读取…</source>
      <translation>Reading…</translation>
    </message>
    <message>
      <source>正在读取冲突…</source>
      <translation>Reading the conflicts…</translation>
    </message>
    <message>
      <source>正在读取工作簿…</source>
      <translation>Reading the workbook…</translation>
    </message>
    <message>
      <source>正在读取并检查备份…</source>
      <translation>Reading and checking the backups…</translation>
    </message>
    <message>
      <source>正在连接 {name}…</source>
      <translation>Connecting to {name}…</translation>
    </message>
    <message>
      <source>正常</source>
      <translation>On track</translation>
    </message>
    <message>
      <source>此后又发生了 {n} 次意外错误，详细信息已一并记录。</source>
      <translation>Unexpected errors since then: {n}; their details are in the log too.</translation>
    </message>
    <message>
      <source>此窗口只能查看、打印和导出。要修改，请先关闭正在使用它的程序，再重新打开数据库。</source>
      <translation>This window can only view, print and export. To make changes, close the program using it first, then open the database again.</translation>
    </message>
    <message>
      <source>每天第一次打开时自动备份（保留最近 7 天、4 周、12 个月各一份）。恢复前会先检查备份，当前文件另存为「被恢复替换的文件」。</source>
      <translation>A backup is made automatically the first time the database is opened each day (one kept for each of the last 7 days, 4 weeks and 12 months). A backup is checked before it is restored, and the current file is kept as “replaced by restore”.</translation>
    </message>
    <message>
      <source>每日自动备份</source>
      <translation>Daily automatic backup</translation>
    </message>
    <message>
      <source>民政部 2024 年县级以上行政区划代码（含 2015 年以来撤销或更名的代码）</source>
      <translation>Administrative division codes at county level and above, Ministry of Civil Affairs 2024 (with the codes retired or renamed since 2015)</translation>
    </message>
    <message>
      <source>汇总</source>
      <translation>Consolidated</translation>
    </message>
    <message>
      <source>汇总冲突列表</source>
      <translation>Consolidation conflicts</translation>
    </message>
    <message>
      <source>汇总包</source>
      <translation>Consolidation package</translation>
    </message>
    <message>
      <source>汇总包 (*.pairtrack.zip)</source>
      <translation>Consolidation package (*.pairtrack.zip)</translation>
    </message>
    <message>
      <source>汇总包已损坏：{exc}</source>
      <translation>The consolidation package is damaged: {exc}</translation>
    </message>
    <message>
      <source>汇总包版本 {version} 比本程序支持的版本 {VERSION} 新，请先升级 PairTrack。</source>
      <translation>Consolidation package version {version} is newer than the version {VERSION} this program supports; please upgrade PairTrack first.</translation>
    </message>
    <message>
      <source>汇总合并</source>
      <translation>Consolidation merge</translation>
    </message>
    <message>
      <source>汇总年度(&amp;Y)</source>
      <translation>&amp;Year</translation>
    </message>
    <message>
      <source>没有写入权限</source>
      <translation>no permission to write</translation>
    </message>
    <message>
      <source>没有写入权限（文件可能正被其他程序打开）</source>
      <translation>no permission to write (the file may be open in another program)</translation>
    </message>
    <message>
      <source>没有写入权限，或同名文件正被其他程序（如 Excel）打开</source>
      <translation>no permission to write, or a file of the same name is open in another program (e.g. Excel)</translation>
    </message>
    <message>
      <source>没有可导入的记录。</source>
      <translation>Nothing to import.</translation>
    </message>
    <message>
      <source>没有可导入的记录：文件中没有能读成记录的行。</source>
      <translation>Nothing to import: no row of the file could be read as a record.</translation>
    </message>
    <message>
      <source>没有审计事件时应为 64 个 0</source>
      <translation>should be 64 zeros when there is no audit event</translation>
    </message>
    <message>
      <source>没有待处理的冲突。</source>
      <translation>No conflicts to resolve.</translation>
    </message>
    <message>
      <source>没有找到能打开 PDF 文件的程序。
简报文件在：{path}
要打开它所在的文件夹吗？（关闭本窗口后该文件会被删除，要保留请用「保存…」。）</source>
      <translation>No program was found to open PDF files.
The brief file is at: {path}
Open the folder it is in? (The file is deleted when this window closes; use “Save…” to keep it.)</translation>
    </message>
    <message>
      <source>没有找到这条记录的修改记录。</source>
      <translation>No changes were found for this record.</translation>
    </message>
    <message>
      <source>没有编号为 {conflict_id} 的冲突</source>
      <translation>There is no conflict no. {conflict_id}</translation>
    </message>
    <message>
      <source>没有编号为 {import_id} 的导入记录。</source>
      <translation>There is no import no. {import_id}.</translation>
    </message>
    <message>
      <source>注意：{what}。再次导入会使记录重复；确需再次导入，请勾选「仍要再次导入」。</source>
      <translation>Note: {what}. Importing it again would duplicate records; if you really want to, tick “Import again anyway”.</translation>
    </message>
    <message>
      <source>派出单位</source>
      <translation>Home unit</translation>
    </message>
    <message>
      <source>派出挂职</source>
      <translation>Seconded to the assisted side</translation>
    </message>
    <message>
      <source>测试结果</source>
      <translation>Test result</translation>
    </message>
    <message>
      <source>测试连接(&amp;T)</source>
      <translation>&amp;Test connection</translation>
    </message>
    <message>
      <source>测试连接时出错：{error}</source>
      <translation>The connection test failed: {error}</translation>
    </message>
    <message>
      <source>浏览(&amp;B)…</source>
      <translation>&amp;Browse…</translation>
    </message>
    <message>
      <source>清单中缺少这一项</source>
      <translation>This item is missing from the manifest</translation>
    </message>
    <message>
      <source>清空列表</source>
      <translation>Clear the list</translation>
    </message>
    <message>
      <source>清除筛选(&amp;X)</source>
      <translation>&amp;Clear filter</translation>
    </message>
    <message>
      <source>滞后</source>
      <translation>Lagging</translation>
    </message>
    <message>
      <source>演示数据</source>
      <translation>Demo data</translation>
    </message>
    <message>
      <source>版本 {version} 的清单没有这一项</source>
      <translation>The manifest of version {version} has no such item</translation>
    </message>
    <message>
      <source>物资折款</source>
      <translation>Goods in kind</translation>
    </message>
    <message>
      <source>牵头单位</source>
      <translation>Lead unit</translation>
    </message>
    <message>
      <source>特别行政区</source>
      <translation>Special Administrative Region</translation>
    </message>
    <message>
      <source>特区</source>
      <translation>special district</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>状态为「{AGREEMENT_STATUS[status]}」时必须填写签订日期</source>
      <translation>A signing date is required when the status is “{AGREEMENT_STATUS[status]}”</translation>
    </message>
    <message>
      <source>生成(&amp;G)</source>
      <translation>&amp;Generate</translation>
    </message>
    <message>
      <source>生成失败</source>
      <translation>Generation failed</translation>
    </message>
    <message>
      <source>生成简报</source>
      <translation>Generate brief</translation>
    </message>
    <message>
      <source>生成简报…</source>
      <translation>Generate brief…</translation>
    </message>
    <message>
      <source>用于表中没有「结对关系」列的工作表</source>
      <translation>For sheets without a “Pairing” column</translation>
    </message>
    <message>
      <source>用备份「{file}」{taken}替换当前数据库吗？
恢复前会先检查这个备份；当前数据库会另存一份，可以再恢复回来。</source>
      <translation>Replace the current database with backup “{file}”{taken}?
The backup is checked first; the current database is kept as a copy that can be restored later.</translation>
    </message>
    <message>
      <source>用备份「{file}」替换服务器数据库「{name}」的全部内容吗？
恢复前会先检查这个备份，并把当前内容备份到「{folder}」，可以再恢复回来。恢复期间其他人不能保存。</source>
      <translation>Replace the whole content of the server database “{name}” with the backup “{file}”?
The backup is checked first, and the current content is backed up to “{folder}”, so it can be restored again. Nobody can save while it is restored.</translation>
    </message>
    <message>
      <source>用我的内容覆盖(&amp;O)</source>
      <translation>&amp;Overwrite with mine</translation>
    </message>
    <message>
      <source>用户「{user}」的密码不正确，数据库服务器「{host}」拒绝登录。</source>
      <translation>The password of user “{user}” is not correct; the database server “{host}” refused the login.</translation>
    </message>
    <message>
      <source>用户名(&amp;U)：</source>
      <translation>&amp;User name:</translation>
    </message>
    <message>
      <source>用系统程序打开</source>
      <translation>Open with the system viewer</translation>
    </message>
    <message>
      <source>用系统程序打开(&amp;O)</source>
      <translation>&amp;Open with the system viewer</translation>
    </message>
    <message>
      <source>用途/项目</source>
      <translation>Purpose / project</translation>
    </message>
    <message>
      <source>电商/消费</source>
      <translation>E-commerce / consumption</translation>
    </message>
    <message>
      <source>男</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Interface language</translation>
    </message>
    <message>
      <source>界面语言：</source>
      <translation>Interface language:</translation>
    </message>
    <message>
      <source>疑似跨单位重复：帮扶资金记录（编号 {self.fund_id}，来源单位 {self.origin or '未设置'}）与（编号 {self.other_id}，来源单位 {self.other_origin or '未设置'}）的结对关系（{self.pairing}）、金额（{format_wan(self.amount_fen)}）和凭证号（{self.voucher}）均相同，可能是两个单位录入了同一笔资金</source>
      <translation>Possible duplicate across offices: fund record (id {self.fund_id}, office {self.origin or '未设置'}) and (id {self.other_id}, office {self.other_origin or '未设置'}) have the same pairing ({self.pairing}), amount ({format_wan(self.amount_fen)}) and voucher no. ({self.voucher}): two offices may have entered the same transfer</translation>
    </message>
    <message>
      <source>疑似重复</source>
      <translation>Possible duplicates</translation>
    </message>
    <message>
      <source>盟</source>
      <translation>League</translation>
    </message>
    <message>
      <source>目标</source>
      <translation>Target</translation>
    </message>
    <message>
      <source>目标值</source>
      <translation>Target value</translation>
    </message>
    <message>
      <source>目标值有误</source>
      <translation>Wrong target value</translation>
    </message>
    <message>
      <source>目标值（金额为{column.unit}）</source>
      <translation>Target value (money in {column.unit})</translation>
    </message>
    <message>
      <source>目标值（金额为万元）</source>
      <translation>Target value (money in 10k yuan)</translation>
    </message>
    <message>
      <source>省</source>
      <translation>Province</translation>
    </message>
    <message>
      <source>省内对口帮扶</source>
      <translation>Within a province</translation>
    </message>
    <message>
      <source>省级</source>
      <translation>province level</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>确定删除选中的 {n} 条{noun}吗？删除后可用“撤销”（Ctrl+Z）恢复。</source>
      <translation>Delete the selected {noun} ({n})? Undo (Ctrl+Z) brings them back.</translation>
    </message>
    <message>
      <source>磁盘空间不足</source>
      <translation>the disk is full</translation>
    </message>
    <message>
      <source>磁盘空间不足，数据库{where}的这次操作已撤销，未写入任何内容，原有数据完好。请清理磁盘空间后再试。</source>
      <translation>The disk is full; this operation on the database{where} was rolled back, nothing was written and the data is intact. Please free some disk space and try again.</translation>
    </message>
    <message>
      <source>磁盘配额已用完</source>
      <translation>the disk quota is used up</translation>
    </message>
    <message>
      <source>示例</source>
      <translation>Sample</translation>
    </message>
    <message>
      <source>社会帮扶资金</source>
      <translation>Social assistance funds</translation>
    </message>
    <message>
      <source>社会资金</source>
      <translation>Social funds</translation>
    </message>
    <message>
      <source>种类</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>移除</source>
      <translation>remove</translation>
    </message>
    <message>
      <source>移除已不存在的文件</source>
      <translation>Remove files that no longer exist</translation>
    </message>
    <message>
      <source>程序生成的说明或汇总页，不导入</source>
      <translation>Notes or summary sheet written by the program; not imported</translation>
    </message>
    <message>
      <source>程序遇到意外错误</source>
      <translation>The program met an unexpected error</translation>
    </message>
    <message>
      <source>空白工作表</source>
      <translation>Blank sheet</translation>
    </message>
    <message>
      <source>空行</source>
      <translation>Empty row</translation>
    </message>
    <message>
      <source>立即备份(&amp;B)</source>
      <translation>&amp;Back up now</translation>
    </message>
    <message>
      <source>端口(&amp;P)：</source>
      <translation>&amp;Port:</translation>
    </message>
    <message>
      <source>笔</source>
      <translation>transfers</translation>
    </message>
    <message>
      <source>第 {count} 条审计事件与数据校验码 {code} 不符：这条事件或它之前的历史记录被改写过（校验值被重新计算）</source>
      <translation>Audit event {count} does not match data check code {code}: this event or the history before it was rewritten (its checksums recomputed)</translation>
    </message>
    <message>
      <source>第 {line} 行</source>
      <translation>line {line}</translation>
    </message>
    <message>
      <source>第 {number} 条{self.noun}：{exc.message}</source>
      <translation>{self.noun} no. {number}: {exc.message}</translation>
    </message>
    <message>
      <source>第{self.issue}期</source>
      <translation>Issue {self.issue}</translation>
    </message>
    <message>
      <source>第一季度</source>
      <translation>Q1</translation>
    </message>
    <message>
      <source>第三季度</source>
      <translation>Q3</translation>
    </message>
    <message>
      <source>第二季度</source>
      <translation>Q2</translation>
    </message>
    <message>
      <source>第四季度</source>
      <translation>Q4</translation>
    </message>
    <message>
      <source>签约协议</source>
      <translation>Agreements</translation>
    </message>
    <message>
      <source>签约对方</source>
      <translation>Counterparty</translation>
    </message>
    <message>
      <source>签订合作协议</source>
      <translation>Cooperation agreements signed</translation>
    </message>
    <message>
      <source>签订日期</source>
      <translation>Signed on</translation>
    </message>
    <message>
      <source>签订日期 {signed} 在今天之后</source>
      <translation>The signing date {signed} is after today</translation>
    </message>
    <message>
      <source>简报期号</source>
      <translation>Brief issue number</translation>
    </message>
    <message>
      <source>简报版头与版记（可不填）</source>
      <translation>Brief header and footer (optional)</translation>
    </message>
    <message>
      <source>简报预览</source>
      <translation>Brief preview</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>索引 {i}</source>
      <translation>index {i}</translation>
    </message>
    <message>
      <source>级别</source>
      <translation>Level</translation>
    </message>
    <message>
      <source>终止</source>
      <translation>Terminated</translation>
    </message>
    <message>
      <source>结业</source>
      <translation>Ends</translation>
    </message>
    <message>
      <source>结业人数</source>
      <translation>Completed</translation>
    </message>
    <message>
      <source>结业人数（{completed}）不能多于报名人数（{enrolled}）</source>
      <translation>Completed ({completed}) cannot be more than enrolled ({enrolled})</translation>
    </message>
    <message>
      <source>结业日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>结对关系</source>
      <translation>Pairing</translation>
    </message>
    <message>
      <source>结对关系应写作「帮扶方→受援方」，而不是「{label}」</source>
      <translation>A pairing should be written as “helper→assisted”, not “{label}”</translation>
    </message>
    <message>
      <source>结对关系（受援方）</source>
      <translation>Pairings (as assisted side)</translation>
    </message>
    <message>
      <source>结对关系（帮扶方）</source>
      <translation>Pairings (as helper)</translation>
    </message>
    <message>
      <source>结对：{labels.get(i, i)}</source>
      <translation>Pairing: {labels.get(i, i)}</translation>
    </message>
    <message>
      <source>结对：{label}</source>
      <translation>Pairing: {label}</translation>
    </message>
    <message>
      <source>结对：{name}</source>
      <translation>Pairing: {name}</translation>
    </message>
    <message>
      <source>结束年度</source>
      <translation>End year</translation>
    </message>
    <message>
      <source>结束年度 {end} 早于起始年度 {start}</source>
      <translation>The end year {end} is before the start year {start}</translation>
    </message>
    <message>
      <source>结束日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>结束日期（{end}）早于开始日期（{start}）</source>
      <translation>The end date ({end}) is before the start date ({start})</translation>
    </message>
    <message>
      <source>统计失败</source>
      <translation>Statistics failed</translation>
    </message>
    <message>
      <source>维吾尔自治区</source>
      <translation>Uyghur Autonomous Region</translation>
    </message>
    <message>
      <source>编印单位</source>
      <translation>Issued by</translation>
    </message>
    <message>
      <source>编号</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>编号为 {row_id} 的记录已删除，请先在本程序中恢复它</source>
      <translation>The record with id {row_id} has been deleted; restore it in this program first</translation>
    </message>
    <message>
      <source>编辑</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>编辑(&amp;E)</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>编辑{noun}</source>
      <translation>Edit — {noun}</translation>
    </message>
    <message>
      <source>编辑…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <source>缺少这一项</source>
      <translation>This item is missing</translation>
    </message>
    <message>
      <source>网络位置（{share}）</source>
      <translation>a network location ({share})</translation>
    </message>
    <message>
      <source>网络共享路径</source>
      <translation>a network share path</translation>
    </message>
    <message>
      <source>职业技能培训</source>
      <translation>Vocational skills training</translation>
    </message>
    <message>
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>自动备份</source>
      <translation>Automatic backup</translation>
    </message>
    <message>
      <source>自动识别</source>
      <translation>recognised automatically</translation>
    </message>
    <message>
      <source>自定义</source>
      <translation>Custom</translation>
    </message>
    <message>
      <source>自定义期间不能跨年：{format_date_cn(start)}至{format_date_cn(end)}跨越了{start.year}年和{end.year}年，请分年度统计</source>
      <translation>A custom period cannot cross a year: {format_date_cn(start)} to {format_date_cn(end)} spans {start.year} and {end.year}; please count each year separately</translation>
    </message>
    <message>
      <source>自治区</source>
      <translation>Autonomous Region</translation>
    </message>
    <message>
      <source>自治县</source>
      <translation>Autonomous County</translation>
    </message>
    <message>
      <source>自治州</source>
      <translation>Autonomous Prefecture</translation>
    </message>
    <message>
      <source>自治旗</source>
      <translation>Autonomous Banner</translation>
    </message>
    <message>
      <source>至</source>
      <translation>to</translation>
    </message>
    <message>
      <source>至今</source>
      <translation>present</translation>
    </message>
    <message>
      <source>范围：</source>
      <translation>Scope:</translation>
    </message>
    <message>
      <source>行政区划代码</source>
      <translation>Administrative division code</translation>
    </message>
    <message>
      <source>行政区划代码 {code} 不在国家行政区划代码表中（{region_codes.EDITION}）；请核对，或留空代码</source>
      <translation>Administrative division code {code} is not in the national code table ({region_codes.EDITION}); please check it, or leave the code empty</translation>
    </message>
    <message>
      <source>行政区划代码 {code} 已被「{other.name}」使用</source>
      <translation>Administrative division code {code} is already used by “{other.name}”</translation>
    </message>
    <message>
      <source>行政区划代码 {code} 是{entry.place()}</source>
      <translation>Administrative division code {code} is {entry.place()}</translation>
    </message>
    <message>
      <source>行数与清单不符：清单为 {expected} 行，文件中有{found_text}</source>
      <translation>The number of lines does not match the manifest: the manifest says {expected}, the file has{found_text}</translation>
    </message>
    <message>
      <source>补充说明存在的问题（系统自动发现的问题会列在前面）</source>
      <translation>Further problems to report (those found automatically are listed first)</translation>
    </message>
    <message>
      <source>表</source>
      <translation>Table</translation>
    </message>
    <message>
      <source>表 {table} 第 {rowid} 行引用的 {parent} 记录不存在</source>
      <translation>Row {rowid} of table {table} refers to a {parent} record that does not exist</translation>
    </message>
    <message>
      <source>表 {t}</source>
      <translation>table {t}</translation>
    </message>
    <message>
      <source>表中已有「结对关系」列；该列为空的行用此结对关系</source>
      <translation>The sheet has a “Pairing” column; its empty rows get this pairing</translation>
    </message>
    <message>
      <source>表中没有「结对关系」列，而本库有 {len(live)} 个结对关系：请指定默认结对关系（命令行加 --pairing 帮扶方→受援方；窗口中在导入时选择）</source>
      <translation>The sheet has no “Pairing” column and this database has {len(live)} pairings: choose a default pairing (on the command line add --pairing HELPER→ASSISTED; in the window, choose it when importing)</translation>
    </message>
    <message>
      <source>表中没有结对关系列，各行记为上次确认的结对关系「{said}」</source>
      <translation>The sheet has no pairing column; its rows go to the pairing confirmed last time, “{said}”</translation>
    </message>
    <message>
      <source>表中没有结对关系列，各行记为唯一的结对关系「{said}」</source>
      <translation>The sheet has no pairing column; its rows go to the only pairing, “{said}”</translation>
    </message>
    <message>
      <source>表头</source>
      <translation>Header</translation>
    </message>
    <message>
      <source>表头所在行</source>
      <translation>Header row</translation>
    </message>
    <message>
      <source>表头（列名）所在的行号，与 Excel 中看到的行号相同</source>
      <translation>The row number of the header (column names), as Excel shows it</translation>
    </message>
    <message>
      <source>表尾（{texts[0][:20]}），不是记录</source>
      <translation>A footer ({texts[0][:20]}), not a record</translation>
    </message>
    <message>
      <source>被恢复替换的文件</source>
      <translation>Replaced by restore</translation>
    </message>
    <message>
      <source>装入演示数据（廊坊、济南 2017 年的结对与进展）</source>
      <translation>Load the demo data (Langfang and Jinan pairings and progress, 2017)</translation>
    </message>
    <message>
      <source>覆盖对方的修改</source>
      <translation>Overwrite their changes</translation>
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>警告：{what}。</source>
      <translation>Warning: {what}.</translation>
    </message>
    <message>
      <source>计划结束</source>
      <translation>Planned end</translation>
    </message>
    <message>
      <source>计划结束日期</source>
      <translation>Planned end date</translation>
    </message>
    <message>
      <source>记住密码(&amp;R)</source>
      <translation>&amp;Remember password</translation>
    </message>
    <message>
      <source>记录</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>记录 / 字段</source>
      <translation>Record / field</translation>
    </message>
    <message>
      <source>记录类型</source>
      <translation>Record type</translation>
    </message>
    <message>
      <source>该{self.noun}下还有 {held}，请先删除或改挂它们</source>
      <translation>This record ({self.noun}) still has records attached: {held}; delete them or attach them elsewhere first</translation>
    </message>
    <message>
      <source>该{service.noun}在本地已删除：请先选择恢复它</source>
      <translation>This record ({service.noun}) has been deleted locally: choose to restore it first</translation>
    </message>
    <message>
      <source>该指标的明细不是{self.noun}</source>
      <translation>The records behind this indicator are not {self.noun}</translation>
    </message>
    <message>
      <source>该结对关系 {year} 年的「{label}」目标已存在{state}</source>
      <translation>The pairing already has a “{label}” target for {year}{state}</translation>
    </message>
    <message>
      <source>该结对关系下{problem}协议「{title}」</source>
      <translation>{problem} agreement “{title}” of this pairing</translation>
    </message>
    <message>
      <source>详细信息</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>详细记录已写入日志文件：{path}</source>
      <translation>The details were written to the log file: {path}</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>说明：{note}</source>
      <translation>Note: {note}</translation>
    </message>
    <message>
      <source>请先填写本单位和操作员信息，它们会写入每条记录的审计日志。</source>
      <translation>Please fill in your office and operator first; they are written into the audit log of every record.</translation>
    </message>
    <message>
      <source>请填写「{label}」。</source>
      <translation>Please fill in “{label}”.</translation>
    </message>
    <message>
      <source>请核对每个工作表的记录类型和各列的对应关系（标为「未导入」的列不会导入），然后点击「预览」（不会写入）。</source>
      <translation>Check each sheet's record type and what each column is imported as (columns marked “not imported” are not imported), then click “Preview” (nothing is written).</translation>
    </message>
    <message>
      <source>请核对：{warning}</source>
      <translation>Please check: {warning}</translation>
    </message>
    <message>
      <source>请确认金额</source>
      <translation>Please confirm the amount</translation>
    </message>
    <message>
      <source>请稍候</source>
      <translation>Please wait</translation>
    </message>
    <message>
      <source>请至少为一个工作表选择记录类型（未能识别的工作表请选择记录类型和表头所在行）</source>
      <translation>Choose a record type for at least one sheet (for a sheet that was not recognised, choose the record type and the header row)</translation>
    </message>
    <message>
      <source>请选择</source>
      <translation>Please choose</translation>
    </message>
    <message>
      <source>请选择保存位置。</source>
      <translation>Please choose where to save.</translation>
    </message>
    <message>
      <source>读取{line}</source>
      <translation>Read {line}</translation>
    </message>
    <message>
      <source>读取各单位数据截至时间失败</source>
      <translation>Could not read when each office's data is as of</translation>
    </message>
    <message>
      <source>读取情况</source>
      <translation>How the file was read</translation>
    </message>
    <message>
      <source>读取方式：{how}</source>
      <translation>Read: {how}</translation>
    </message>
    <message>
      <source>调整对应关系(&amp;M)…</source>
      <translation>Adjust column &amp;mapping…</translation>
    </message>
    <message>
      <source>财政援助资金</source>
      <translation>Fiscal assistance funds</translation>
    </message>
    <message>
      <source>财政援助资金（到位）</source>
      <translation>Fiscal assistance funds (arrived)</translation>
    </message>
    <message>
      <source>财政资金</source>
      <translation>Fiscal funds</translation>
    </message>
    <message>
      <source>资金年度</source>
      <translation>Budget year</translation>
    </message>
    <message>
      <source>资金类别</source>
      <translation>Fund kind</translation>
    </message>
    <message>
      <source>起始年度</source>
      <translation>Start year</translation>
    </message>
    <message>
      <source>起始日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <source>起止日期（{a}—{b}）</source>
      <translation>Start and end dates ({a}–{b})</translation>
    </message>
    <message>
      <source>跳过</source>
      <translation>Skipped</translation>
    </message>
    <message>
      <source>跳过「{sheet}」第 {row_ranges(rows)} 行：{reason}</source>
      <translation>Skipped “{sheet}” rows {row_ranges(rows)}: {reason}</translation>
    </message>
    <message>
      <source>跳过「{sheet}」：{reason}</source>
      <translation>Skipped “{sheet}”: {reason}</translation>
    </message>
    <message>
      <source>过长：最多 {limit} 个字，现有 {len(value)} 个</source>
      <translation>too long: at most {limit} characters, it has {len(value)}</translation>
    </message>
    <message>
      <source>返回</source>
      <translation>Returned</translation>
    </message>
    <message>
      <source>返回继续编辑(&amp;B)</source>
      <translation>&amp;Back to editing</translation>
    </message>
    <message>
      <source>还没有备份。</source>
      <translation>No backups yet.</translation>
    </message>
    <message>
      <source>还没有导入记录。</source>
      <translation>No imports yet.</translation>
    </message>
    <message>
      <source>还没有录入任何年度目标。在单元格中键入 {year} 年的目标即可（资金以万元计）。</source>
      <translation>No annual targets entered yet. Type the targets for {year} into the cells (funds in 10k yuan).</translation>
    </message>
    <message>
      <source>这一行超过 {MAX_LINE_BYTES // (1 &lt;&lt; 20)} MiB，不是一条记录，已拒绝</source>
      <translation>This line is over {MAX_LINE_BYTES // (1 &lt;&lt; 20)} MiB; it is not a record and was refused</translation>
    </message>
    <message>
      <source>这不是 PairTrack 汇总包：缺少 manifest.json。</source>
      <translation>This is not a PairTrack consolidation package: manifest.json is missing.</translation>
    </message>
    <message>
      <source>这个单元格还没有设置过目标。</source>
      <translation>No target has been set in this cell yet.</translation>
    </message>
    <message>
      <source>这台电脑上的 {name}（「{tool}」）是 PostgreSQL {major} 版，比数据库服务器（PostgreSQL {server} 版）旧，不能用于备份或恢复。请安装 PostgreSQL {server} 或更新版本的客户端工具，或把环境变量 {PG_BIN_ENV} 设为其 bin 文件夹。</source>
      <translation>The {name} on this computer (“{tool}”) is PostgreSQL {major}, older than the database server (PostgreSQL {server}), and cannot back it up or restore it. Install client tools of PostgreSQL {server} or newer, or set the environment variable {PG_BIN_ENV} to their bin folder.</translation>
    </message>
    <message>
      <source>这条记录在您打开后已被 {operator} 于 {time} 修改</source>
      <translation>This record was changed by {operator} at {time} after you opened it</translation>
    </message>
    <message>
      <source>这条记录在您打开后已被 {operator} 于 {time} 删除</source>
      <translation>This record was deleted by {operator} at {time} after you opened it</translation>
    </message>
    <message>
      <source>这条记录在您打开后已被 {who} 于 {when} 修改，未写入任何内容。</source>
      <translation>This record was changed by {who} at {when} after you opened it; nothing was written.</translation>
    </message>
    <message>
      <source>这条记录在您打开后已被 {who} 于 {when} 删除，未写入任何内容。</source>
      <translation>This record was deleted by {who} at {when} after you opened it; nothing was written.</translation>
    </message>
    <message>
      <source>这条记录已被删除，您的修改不能再保存。如需保留，请先恢复它。</source>
      <translation>This record has been deleted, so your changes cannot be saved. To keep it, restore it first.</translation>
    </message>
    <message>
      <source>连接成功。数据库「{name}」是空的：打开时会在其中建立 PairTrack 台账。</source>
      <translation>Connected. Database “{name}” is empty: opening it makes it a PairTrack ledger.</translation>
    </message>
    <message>
      <source>连接成功。这是 PairTrack 台账，结构版本 {revision}。</source>
      <translation>Connected. This is a PairTrack ledger, schema version {revision}.</translation>
    </message>
    <message>
      <source>连接成功，但数据库「{name}」中已有其他程序的数据，不是 PairTrack 台账。PairTrack 不会打开或改动它；请使用一个空的数据库。</source>
      <translation>Connected, but database “{name}” holds another program's data and is not a PairTrack ledger. PairTrack will not open or change it; please use an empty database.</translation>
    </message>
    <message>
      <source>连接成功，但这个台账由更新版本的 PairTrack 写入（结构版本 {revision}），当前程序不能打开它。请先升级 PairTrack。</source>
      <translation>Connected, but this ledger was written by a newer version of PairTrack (schema version {revision}); this program cannot open it. Please upgrade PairTrack first.</translation>
    </message>
    <message>
      <source>连接服务器数据库…</source>
      <translation>Connect to a server database…</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>退出码 {result.returncode}</source>
      <translation>exit code {result.returncode}</translation>
    </message>
    <message>
      <source>送</source>
      <translation>Copy to</translation>
    </message>
    <message>
      <source>选中同一字段的冲突后可输入新值</source>
      <translation>Select conflicts of one field to type a new value</translation>
    </message>
    <message>
      <source>选择备份文件</source>
      <translation>Choose a backup file</translation>
    </message>
    <message>
      <source>选择备份文件夹</source>
      <translation>Choose the backup folder</translation>
    </message>
    <message>
      <source>选派专业技术人才</source>
      <translation>Professionals sent</translation>
    </message>
    <message>
      <source>选派党政干部</source>
      <translation>Party and government cadres sent</translation>
    </message>
    <message>
      <source>逐条变化</source>
      <translation>Changes record by record</translation>
    </message>
    <message>
      <source>逐条变化（{n} 条记录）</source>
      <translation>Changes record by record (records: {n})</translation>
    </message>
    <message>
      <source>通过</source>
      <translation>Passed</translation>
    </message>
    <message>
      <source>采用对方的值</source>
      <translation>Take incoming value</translation>
    </message>
    <message>
      <source>采用对方的值(&amp;T)</source>
      <translation>&amp;Take incoming value</translation>
    </message>
    <message>
      <source>重做</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>重做“{step}”</source>
      <translation>Redo “{step}”</translation>
    </message>
    <message>
      <source>重复</source>
      <translation>Duplicate</translation>
    </message>
    <message>
      <source>重复的表头</source>
      <translation>Duplicate header</translation>
    </message>
    <message>
      <source>重新启动 PairTrack 后生效。</source>
      <translation>Takes effect when PairTrack is restarted.</translation>
    </message>
    <message>
      <source>重试</source>
      <translation>Retry</translation>
    </message>
    <message>
      <source>金额</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>金额不能为空</source>
      <translation>The amount must not be empty</translation>
    </message>
    <message>
      <source>金额不能为负数：「{shown}」</source>
      <translation>The amount must not be negative: “{shown}”</translation>
    </message>
    <message>
      <source>金额不能为负数：「{value}」</source>
      <translation>The amount must not be negative: “{value}”</translation>
    </message>
    <message>
      <source>金额中有无法识别的字符「{char}」：「{shown}」</source>
      <translation>The amount holds a character that cannot be read, “{char}”: “{shown}”</translation>
    </message>
    <message>
      <source>金额中的逗号不是千位分隔：「{shown}」，请写成如 9,178万 或 12.6万</source>
      <translation>The comma in the amount is not a thousands separator: “{shown}”; write it like 9,178 or 12.6 (in 10k yuan)</translation>
    </message>
    <message>
      <source>金额列的表头没有写单位时，数字按此单位读</source>
      <translation>When the header of a money column gives no unit, numbers are read in this unit</translation>
    </message>
    <message>
      <source>金额单位</source>
      <translation>Money unit</translation>
    </message>
    <message>
      <source>金额最多精确到分（两位小数）：「{shown}」</source>
      <translation>Amounts are exact to the fen at most (two decimals in yuan): “{shown}”</translation>
    </message>
    <message>
      <source>金额最多精确到分（两位小数）：「{yuan}」</source>
      <translation>Amounts are exact to the fen at most (two decimals in yuan): “{yuan}”</translation>
    </message>
    <message>
      <source>金额过大：「{shown}」，最多 {format_yuan(MAX_FEN)}</source>
      <translation>The amount is too large: “{shown}”; at most {format_yuan(MAX_FEN)}</translation>
    </message>
    <message>
      <source>金额（万元）</source>
      <translation>Amount (10k yuan)</translation>
    </message>
    <message>
      <source>问题与提示</source>
      <translation>Problems and notes</translation>
    </message>
    <message>
      <source>附上明细表（附表：每项指标背后的记录）</source>
      <translation>Attach detail tables (appendix: the records behind each indicator)</translation>
    </message>
    <message>
      <source>附表{number}  {ind.label}明细（{ind.rule}，{len(part.rows)}条）</source>
      <translation>Appendix {number}  {ind.label} details ({ind.rule}, {len(part.rows)} records)</translation>
    </message>
    <message>
      <source>附表约 {self.pages} 页（{self.rows} 条记录），生成需要约 {self.seconds} 秒</source>
      <translation>The appendix runs to about {self.pages} pages ({self.rows} records) and takes about {self.seconds} seconds to generate</translation>
    </message>
    <message>
      <source>附表：各项指标明细</source>
      <translation>Appendix: details of each indicator</translation>
    </message>
    <message>
      <source>隐藏详细信息(&amp;D)</source>
      <translation>Hide &amp;details</translation>
    </message>
    <message>
      <source>需要关注</source>
      <translation>Needs attention</translation>
    </message>
    <message>
      <source>需要关注（点击查看相关记录）：</source>
      <translation>Needs attention (click to see the records):</translation>
    </message>
    <message>
      <source>预览(&amp;P)</source>
      <translation>&amp;Preview</translation>
    </message>
    <message>
      <source>预览：将变更 {n} 条记录。点击「导入」写入。</source>
      <translation>Preview: records to change: {n}. Click “Import” to write them.</translation>
    </message>
    <message>
      <source>默认结对关系</source>
      <translation>Default pairing</translation>
    </message>
    <message>
      <source>默认结对关系（--pairing）：{exc}</source>
      <translation>Default pairing (--pairing): {exc}</translation>
    </message>
    <message>
      <source>（{HOW[reading.how]}），{len(sheet.records)} 行记录</source>
      <translation> ({HOW[reading.how]}), {len(sheet.records)} record rows</translation>
    </message>
    <message>
      <source>（{time}）</source>
      <translation> ({time})</translation>
    </message>
    <message>
      <source>（万元）</source>
      <translation> (10k yuan)</translation>
    </message>
    <message>
      <source>（修改前后的内容已不再保存）</source>
      <translation>(the contents before and after are no longer kept)</translation>
    </message>
    <message>
      <source>（共印{self.copies}份）</source>
      <translation> ({self.copies} copies printed)</translation>
    </message>
    <message>
      <source>（内容未变）</source>
      <translation>(contents unchanged)</translation>
    </message>
    <message>
      <source>（冲突）</source>
      <translation> (conflict)</translation>
    </message>
    <message>
      <source>（冲突：本地值保留，待处理）</source>
      <translation> (conflict: the local value stays until resolved)</translation>
    </message>
    <message>
      <source>（只读）</source>
      <translation> (read-only)</translation>
    </message>
    <message>
      <source>（已删除，可恢复）</source>
      <translation> (deleted, can be restored)</translation>
    </message>
    <message>
      <source>（换成要恢复的备份文件）；或在窗口中用 文件 → 备份与恢复。</source>
      <translation> (replace with the backup file to restore); or in the window use File → Backups and restore.</translation>
    </message>
    <message>
      <source>（文件已不存在）</source>
      <translation>(the file no longer exists)</translation>
    </message>
    <message>
      <source>（无表头）</source>
      <translation>(no header)</translation>
    </message>
    <message>
      <source>（无）</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>（日志未启用）</source>
      <translation>(logging is off)</translation>
    </message>
    <message>
      <source>（未设置操作员）</source>
      <translation>(no operator set)</translation>
    </message>
    <message>
      <source>（未设置）</source>
      <translation>(not set)</translation>
    </message>
    <message>
      <source>（空）</source>
      <translation>(empty)</translation>
    </message>
    <message>
      <source>（请选择）</source>
      <translation>(choose)</translation>
    </message>
    <message>
      <source>，不是记录</source>
      <translation>, not a record</translation>
    </message>
    <message>
      <source>，代码 {row['code']}</source>
      <translation>, code {row['code']}</translation>
    </message>
    <message>
      <source>，无行政区划代码</source>
      <translation>, no administrative division code</translation>
    </message>
    <message>
      <source>，现为 {'、'.join(after)}</source>
      <translation>, now {'、'.join(after)}</translation>
    </message>
    <message>
      <source>，表头在第 {row} 行</source>
      <translation>, header in row {row}</translation>
    </message>
    <message>
      <source>，金额按{units.pop()}读</source>
      <translation>, amounts read in {units.pop()}</translation>
    </message>
    <message>
      <source>，金额按各列表头所写的单位读</source>
      <translation>, amounts read in the unit each column header gives</translation>
    </message>
    <message>
      <source>：其下各行的{said}</source>
      <translation>: {said} of the rows below it</translation>
    </message>
    <message>
      <source>：其中 {n} 条有冲突（红色，列在最前），本地值保留，导入后在「编辑 → 处理汇总冲突」中处理</source>
      <translation>; in conflict: {n} (in red, listed first); the local values stay, resolve them after importing in “Edit → Resolve consolidation conflicts”</translation>
    </message>
    <message>
      <source>；未导入的列：</source>
      <translation>; columns not imported: </translation>
    </message>
  </context>
</TS>
