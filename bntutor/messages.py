"""Interface messages in English and Chinese, in the same ``{en, zh}`` shape as content.

One catalog for the sentences the player, quiz and review say around the content
(commands, notes, navigation). :func:`message` picks the learner's language and fills
``{placeholders}``; a test checks that both languages name the same placeholders.
"""

from __future__ import annotations

import re
from functools import lru_cache
from string import Formatter
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # -- coding exercises (bntutor exercise) -------------------------------------------------
    "exercise.file": {"en": "your file: {path}", "zh": "你的文件：{path}"},
    "exercise.keys": {"en": "save it to check; Enter re-runs; :hint ({hints} hints), :solution,"
                            " :help, :quit",
                      "zh": "保存即检查；回车重新检查；:hint（共 {hints} 条提示）、:solution、"
                            ":help、:quit"},
    "exercise.checking": {"en": "checking ...", "zh": "检查中……"},
    "exercise.passed": {"en": "passed: all {total} cases", "zh": "通过：全部 {total} 个用例"},
    "exercise.failed": {"en": "failed: {passed} of {total} cases pass",
                        "zh": "未通过：{total} 个用例中通过 {passed} 个"},
    "exercise.randoms": {"en": "random cases: {passed} of {total} pass",
                         "zh": "随机用例：{total} 个中通过 {passed} 个"},
    "exercise.random_case": {"en": "random {number}", "zh": "随机用例 {number}"},
    "exercise.first_failing": {"en": "first failing case", "zh": "第一个失败的用例"},
    "exercise.expected": {"en": "expected {output}", "zh": "期望的 {output}"},
    "exercise.got": {"en": "got {output}", "zh": "你的 {output}"},
    "exercise.largest_error": {"en": "largest error", "zh": "最大误差"},
    "exercise.errors": {"en": "abs {abs}, rel {rel}", "zh": "绝对 {abs}，相对 {rel}"},
    "exercise.tolerance": {"en": "tolerance", "zh": "容差"},
    "exercise.gradcheck": {"en": "gradient check (centred differences)",
                           "zh": "梯度检验（中心差分）"},
    "exercise.gradient": {"en": "gradient", "zh": "梯度"},
    "exercise.rel_error": {"en": "relative error", "zh": "相对误差"},
    "exercise.reading": {"en": "reading", "zh": "解读"},
    "exercise.band.excellent": {"en": "< 1e-7: right", "zh": "< 1e-7：正确"},
    "exercise.band.fine": {"en": "1e-7 .. 1e-4: fine (kinks, float noise)",
                           "zh": "1e-7 .. 1e-4：可以接受（不可导点、浮点噪声）"},
    "exercise.band.suspicious": {"en": "1e-4 .. 1e-2: suspicious", "zh": "1e-4 .. 1e-2：可疑"},
    "exercise.band.wrong": {"en": "> 1e-2: wrong", "zh": "> 1e-2：错误"},
    "exercise.grad_expect": {"en": "expect < 1e-7 in float64", "zh": "float64 下应小于 1e-7"},
    "exercise.timing": {"en": "speed on the largest case: yours {mine} ms, the step-by-step"
                              " backward {baseline} ms",
                        "zh": "最大用例上的速度：你的实现 {mine} 毫秒，逐步推导的反向传播"
                              " {baseline} 毫秒"},
    "exercise.prints": {"en": "your prints:", "zh": "你的打印输出："},
    "exercise.prints_cut": {"en": "your prints (first {shown} of {total} lines):",
                            "zh": "你的打印输出（共 {total} 行，只显示前 {shown} 行）："},
    "exercise.reference": {"en": "reference solution:", "zh": "参考解答："},
    "exercise.another_way": {"en": "another way:", "zh": "另一种写法："},
    "exercise.again": {"en": "save again to re-check; :hint for a hint",
                       "zh": "改好后再次保存即可重新检查；输入 :hint 查看提示"},
    "exercise.no_more_hints": {"en": "no more hints: :solution shows the reference",
                               "zh": "没有更多提示了：输入 :solution 查看参考解答"},
    "exercise.hint": {"en": "hint {number}/{total}: ", "zh": "提示 {number}/{total}："},
    "exercise.help": {"en": "save your file to check it    Enter  check again now\n"
                            ":hint  the next hint    :solution  the reference solution"
                            " (recorded)\n:help  this list    :quit  stop (every check is"
                            " already saved)",
                      "zh": "保存文件即检查    回车  立即重新检查\n:hint  下一条提示    "
                            ":solution  参考解答（会被记录）\n:help  本列表    :quit  退出"
                            "（每次检查都已保存）"},
    "exercise.unknown": {"en": "unknown command {command}: :help lists the commands",
                         "zh": "没有 {command} 这个命令：输入 :help 查看命令列表"},
    "exercise.starter_written": {"en": "starter written: {path}", "zh": "已写入起始代码：{path}"},
    "exercise.kept": {"en": "your file is kept: {path}", "zh": "保留你的文件：{path}"},
    "exercise.fresh": {"en": "fresh starter written: {path}", "zh": "已写入新的起始代码：{path}"},
    "exercise.kept_on_reset": {"en": "kept your file", "zh": "已保留你的文件"},
    "exercise.replace": {"en": "Replace {path} with a fresh starter? Your code in it is lost",
                         "zh": "用新的起始代码替换 {path}？其中你的代码会丢失"},
    "exercise.stopped": {"en": "exercise stopped; resume with: bntutor exercise {name}",
                         "zh": "练习已停止；继续请运行：bntutor exercise {name}"},
    "exercise.start_one": {"en": "start one: bntutor exercise NAME",
                           "zh": "开始练习：bntutor exercise 名称"},
    "exercise.due": {"en": "exercise due for review: {name}, written again from a blank file",
                     "zh": "到期复习的练习：{name}，从空白文件重新写一遍"},
    "exercise.again_now": {"en": "Write {name} again now?", "zh": "现在重新写一遍 {name}？"},
    "exercise.status.new": {"en": "new", "zh": "未开始"},
    "exercise.status.started": {"en": "started", "zh": "已开始"},
    "exercise.status.failing": {"en": "failing", "zh": "未通过"},
    "exercise.status.passed": {"en": "passed", "zh": "已通过"},
    "exercise.solution_seen": {"en": " (solution seen)", "zh": "（看过解答）"},
    "exercise.table": {"en": "exercises", "zh": "编程练习"},
    "exercise.col.name": {"en": "name", "zh": "名称"},
    "exercise.col.title": {"en": "title", "zh": "标题"},
    "exercise.col.lesson": {"en": "after lesson", "zh": "对应课程"},
    "exercise.col.status": {"en": "status", "zh": "状态"},
    "exercise.col.hints": {"en": "hints", "zh": "提示"},
    "exercise.progress": {"en": "exercises passed: {passed} of {total}",
                          "zh": "已通过的练习：{passed} / {total}"},
    "exercise.none_started": {"en": "no exercise started yet: bntutor exercises",
                              "zh": "还没有开始任何练习：bntutor exercises"},
    # -- the commands, as :help lists them ---------------------------------------------
    "help.hint": {"en": "show the next hint for this question",
                  "zh": "显示本题的下一条提示"},
    "help.skip": {"en": "skip this question and see its answer",
                  "zh": "跳过本题并查看答案"},
    "help.show": {"en": "show again the data this question works with",
                  "zh": "重新显示本题要用到的数据"},
    "help.back": {"en": "look at the previous step again (view only)",
                  "zh": "回看上一步（只看，不改答案）"},
    "help.quit.lesson": {"en": "save your progress and leave; resume later",
                         "zh": "保存进度并退出，之后可以接着学"},
    "help.quit.quiz": {"en": "stop here and see the report",
                       "zh": "到此为止，查看报告"},
    "help.help": {"en": "this list", "zh": "显示这份命令列表"},
    "help.aliases": {"en": "short forms: :h :? (help), :q (quit), :s (show), :b (back)",
                     "zh": "简写：:h :?（帮助）、:q（退出）、:s（显示数据）、:b（回看）"},
    "help.ctrl_c.lesson": {"en": "Ctrl-C also saves your progress.",
                           "zh": "按 Ctrl-C 也会保存进度。"},
    "help.ctrl_c.quiz": {"en": "Ctrl-C stops the quiz; answers so far are kept.",
                         "zh": "按 Ctrl-C 结束测验，已作答的题目会保留。"},
    "command.unknown": {"en": "unknown command {command}; try {commands}",
                        "zh": "没有 {command} 这个命令；可用的命令：{commands}"},
    "command.bar": {"en": "(:hint  :skip  :show  :back  :quit  :help)",
                    "zh": "（:hint 提示  :skip 跳过  :show 数据  :back 回看  "
                          ":quit 退出  :help 帮助）"},
    # -- :show and :back -----------------------------------------------------------------
    "show.nothing": {"en": "this step works with no earlier data: everything is on screen",
                     "zh": "这一步不依赖前面的数据，需要的内容都在屏幕上"},
    "show.nothing_question": {"en": "this question stands alone: everything it needs is in it",
                              "zh": "这道题自成一体，需要的信息都在题目里"},
    "show.context_rule": {"en": "the data this question works with",
                          "zh": "本题要用到的数据"},
    "show.question_again": {"en": "the question again", "zh": "再看一遍题目"},
    "back.first_step": {"en": "this is the first step: there is nothing before it",
                        "zh": "这已经是第一步，前面没有内容了"},
    "back.first_question": {"en": "this is the first question: there is nothing before it",
                            "zh": "这已经是第一题，前面没有题目了"},
    "back.rule": {"en": "looking back: step {k} of {n} (view only)",
                  "zh": "回看：第 {k} 步，共 {n} 步（只看）"},
    "back.rule_question": {"en": "looking back: question {k} (view only)",
                           "zh": "回看：第 {k} 题（只看）"},
    "back.return": {"en": "you are still at step {k}: {what}",
                    "zh": "你仍在第 {k} 步：{what}"},
    "back.return_question": {"en": "you are still at question {k}: type your answer",
                             "zh": "你仍在第 {k} 题：请输入答案"},
    "back.what.question": {"en": "type your answer (:back again looks further back)",
                           "zh": "请输入答案（再输入 :back 可以继续往前看）"},
    "back.what.reading": {"en": "press Enter to go on (:back again looks further back)",
                          "zh": "按回车继续（再输入 :back 可以继续往前看）"},
    "back.your_answer": {"en": "your answer: {answer}", "zh": "你的答案：{answer}"},
    "back.status.correct": {"en": "✓ right", "zh": "✓ 答对了"},
    "back.status.wrong": {"en": "✗ wrong", "zh": "✗ 答错了"},
    "back.status.skipped": {"en": "skipped", "zh": "已跳过"},
    "back.not_answered": {"en": "not answered yet", "zh": "尚未作答"},
    # -- lessons ---------------------------------------------------------------------------
    "lesson.resume_context": {"en": "the data from earlier in the lesson, before you go on:",
                              "zh": "继续之前，先看一下本课前面给出的数据："},
    "lesson.again": {"en": "you finished this lesson before; here it is again (run {run},"
                           " your best run still counts)",
                     "zh": "这一课你已经学完了，现在再学一遍（第 {run} 遍，"
                           "之前最好的成绩仍然保留）"},
    "lesson.no_step": {"en": "lesson {number} has no step '{step}'",
                       "zh": "第 {number} 课没有 '{step}' 这一步"},
    "lesson.its_steps": {"en": "its steps: {steps}", "zh": "它的步骤：{steps}"},
    "duration.no_unit": {"en": "duration '{text}' has no unit",
                         "zh": "时长 '{text}' 没有单位"},
    "duration.write_unit": {"en": "write {n}m for minutes or {n}s for seconds",
                            "zh": "分钟写 {n}m，秒写 {n}s"},
    "lesson.resuming": {"en": "resuming at step {k} of {n} (--restart starts over)",
                        "zh": "从第 {k} 步继续，共 {n} 步（加 --restart 从头开始）"},
    "lesson.start_at": {"en": "starting at step {k} of {n} ({step})",
                        "zh": "从第 {k} 步开始，共 {n} 步（{step}）"},
    "next.quiz": {"en": "every lesson is done and no review card is due: practise with "
                        "bntutor quiz -n 10 (or a topic: bntutor quiz --topic bn-cnn)",
                  "zh": "所有课程都已学完，也没有到期的复习卡片：用 bntutor quiz -n 10 练习"
                        "（或指定主题：bntutor quiz --topic bn-cnn）"},
    # -- answers ---------------------------------------------------------------------------
    "answer.did_you_mean": {"en": "did you mean '{word}'? (not counted as a try)",
                            "zh": "你是想写 '{word}' 吗？（这次不算作答）"},
    # -- the progress database ------------------------------------------------------------
    "store.unreadable": {
        "en": "{count} rows of the progress database could not be read and were skipped"
              " ({tables}); everything else is kept. To set them aside for good: bntutor repair",
        "zh": "进度数据库中有 {count} 条记录无法读取，已跳过（{tables}）；其余记录都完好。"
              "要把它们彻底移出，请运行：bntutor repair",
    },
    "repair.nothing": {"en": "there is no progress database yet ({path}): nothing to repair",
                       "zh": "还没有进度数据库（{path}），无需修复"},
    "repair.done": {
        "en": "the progress database was rebuilt: {kept} rows carried over, {lost} left"
              " behind{tables}; the old file is kept at {aside}",
        "zh": "进度数据库已重建：转存了 {kept} 条记录，{lost} 条无法读取的记录留在旧文件中"
              "{tables}；旧文件保存在 {aside}",
    },
    "repair.damaged_tables": {"en": " (reading stopped part-way in: {tables})",
                              "zh": "（以下表读到一半出错：{tables}）"},
    # -- yes/no questions -----------------------------------------------------------------
    "confirm.again": {"en": "answer y (yes) or n (no)", "zh": "请回答 y（是）或 n（否）"},
    # -- formula answers ----------------------------------------------------------------
    "check.too_complex": {"en": "too complex to check: write the formula more simply",
                          "zh": "式子太复杂，无法检查：请写得简单一些"},
    "check.too_large": {"en": "too large to check: a number in it is beyond {limit}",
                        "zh": "数值太大，无法检查：式子里有超过 {limit} 的数"},
    # -- the home directory (--home, BNTUTOR_HOME) ------------------------------------------
    "home.unusable": {"en": "cannot use the home directory: {reason}",
                      "zh": "无法使用数据目录：{reason}"},
    "home.is_file": {"en": "the home directory is a file, not a directory",
                     "zh": "数据目录的位置上是一个文件，不是目录"},
    "home.cannot_create": {"en": "cannot create the home directory: {reason}",
                           "zh": "无法创建数据目录：{reason}"},
    "home.not_writable": {"en": "the home directory is not writable",
                          "zh": "数据目录不可写"},
    "home.hint": {"en": "pass --home DIR or set BNTUTOR_HOME to a writable directory",
                  "zh": "请用 --home DIR 或环境变量 BNTUTOR_HOME 指定一个可写的目录"},
    # -- the lesson player ---------------------------------------------------------------
    "lesson.header": {"en": "Lesson {number}: ", "zh": "第 {number} 课："},
    "lesson.header_plain": {"en": "Lesson: ", "zh": "课程："},
    "lesson.minutes": {"en": "(~{minutes} min)", "zh": "（约 {minutes} 分钟）"},
    "lesson.step_of": {"en": "step {k} of {n}", "zh": "第 {k} 步，共 {n} 步"},
    "lesson.saved": {"en": "progress saved; resume with `bntutor lesson {ref}`",
                     "zh": "进度已保存；继续请运行 `bntutor lesson {ref}`"},
    "answer.letter": {"en": "answer with a letter", "zh": "请输入一个字母作答"},
    "answer.letters": {"en": "answer with letters, e.g. a,c",
                       "zh": "请输入字母作答（可多选），例如 a,c"},
    "answer.unit": {"en": "unit: {unit}", "zh": "单位：{unit}"},
    "hint.skip": {"en": ":skip to see the answer", "zh": "输入 :skip 查看答案"},
    "hint.skip_why": {"en": ":skip to see the answer and why",
                      "zh": "输入 :skip 查看答案和解释"},
    "hint.none": {"en": "this question has no hints: give it a try, or {answer}",
                  "zh": "这道题没有提示：先试着答一下，或{answer}"},
    "hint.no_more": {"en": "no more hints (all {total} shown); {answer}",
                     "zh": "没有更多提示了（{total} 条都已显示）；{answer}"},
    "time.seconds": {"en": "{s} s", "zh": "{s} 秒"},
    "time.minutes": {"en": "{m} min {s} s", "zh": "{m} 分 {s} 秒"},
    "list.sep": {"en": ", ", "zh": "，"},
    "summary.complete": {"en": "Lesson {number} complete", "zh": "第 {number} 课完成"},
    "summary.complete_plain": {"en": "Lesson complete", "zh": "本课完成"},
    "summary.score": {"en": "score {correct}/{total}", "zh": "得分 {correct}/{total}"},
    "summary.first_try": {"en": "{n} at the first try", "zh": "{n} 题一次答对"},
    "summary.missed": {"en": "{n} missed", "zh": "{n} 题答错"},
    "summary.skipped": {"en": "{n} skipped", "zh": "{n} 题跳过"},
    "summary.extras": {"en": " ({extras})", "zh": "（{extras}）"},
    "summary.no_questions": {"en": "no questions in this lesson", "zh": "本课没有题目"},
    "summary.hint": {"en": "{n} hint", "zh": "{n} 条提示"},
    "summary.hints": {"en": "{n} hints", "zh": "{n} 条提示"},
    "summary.used_time": {"en": "{hints} used · time {time}", "zh": "用了 {hints} · 用时 {time}"},
    "summary.next": {"en": "next: ", "zh": "下一课："},
    "summary.last": {"en": "that was the last lesson: try `bntutor quiz` or `bntutor review`",
                     "zh": "这是最后一课：试试 `bntutor quiz` 或 `bntutor review`"},
    "verdict.right": {"en": "right", "zh": "正确"},
    "verdict.wrong": {"en": "not quite", "zh": "不太对"},
    "verdict.correct": {"en": "Correct.", "zh": "正确。"},
    "verdict.not_correct": {"en": "Not correct.", "zh": "不正确。"},
    "verdict.then_hint": {"en": ":hint for a hint", "zh": "输入 :hint 查看提示"},
    "verdict.try_left": {"en": "{n} try left; {then}", "zh": "还有 {n} 次机会；{then}"},
    "verdict.tries_left": {"en": "{n} tries left; {then}", "zh": "还有 {n} 次机会；{then}"},
    "diff.element": {"en": "element", "zh": "元素"},
    "diff.yours": {"en": "yours", "zh": "你的"},
    "diff.expected": {"en": "expected", "zh": "正确值"},
    "diff.more": {"en": "… {n} more", "zh": "……另有 {n} 个"},
    "reveal.skipped": {"en": "skipped; the answer: ", "zh": "已跳过；答案："},
    "reveal.answer": {"en": "the answer: ", "zh": "答案："},
    "verdict.wrong_shape": {"en": "Wrong shape.", "zh": "形状不对。"},
    "verdict.transposed": {"en": "Rows and columns are swapped: the values are right but"
                                 " transposed.",
                           "zh": "行和列对调了：数值都对，只是转置了。"},
    "verdict.values_wrong": {"en": "{wrong} of {total} values are not right.",
                             "zh": "{total} 个值中有 {wrong} 个不对。"},
    "predict.spot_on": {"en": "Spot on: within the tolerance.", "zh": "完全命中：在容差之内。"},
    "predict.close": {"en": "Close: your guess was {guess}, the result is {result}.",
                      "zh": "很接近：你的预测是 {guess}，结果是 {result}。"},
    "predict.region": {"en": "In the right region: your guess was {guess}, the result is"
                             " {result}.",
                       "zh": "量级对了：你的预测是 {guess}，结果是 {result}。"},
    "predict.far": {"en": "Far off: your guess was {guess}, the result is {result}.",
                    "zh": "差得较远：你的预测是 {guess}，结果是 {result}。"},
    "quiz.time_left": {"en": "{time} left", "zh": "剩余 {time}"},
    "quiz.question_of": {"en": "Question {k} of {n}", "zh": "第 {k} 题，共 {n} 题"},
    "quiz.skipped_after": {"en": "skipped after {s} s", "zh": "{s} 秒后跳过"},
    "quiz.time_up": {"en": "time is up", "zh": "时间到"},
    # -- the quiz report ---------------------------------------------------------------
    "report.title": {"en": "Quiz report", "zh": "测验报告"},
    "report.review_title": {"en": "Review done", "zh": "复习完成"},
    "report.took": {"en": "in {time}", "zh": "用时 {time}"},
    "report.of_limit": {"en": " of {limit}", "zh": "（限时 {limit}）"},
    "report.correct": {"en": "{correct}/{asked} correct ({percent}%)",
                       "zh": "答对 {correct}/{asked}（{percent}%）"},
    "report.not_asked_paren": {"en": "({n} not asked)", "zh": "（{n} 题未作答）"},
    "report.not_asked": {"en": "{n} not asked", "zh": "{n} 题未作答"},
    "report.more_not_asked": {"en": "{n} more not asked", "zh": "另有 {n} 题未作答"},
    "report.per_topic": {"en": "accuracy per topic", "zh": "各主题正确率"},
    "report.per_question": {"en": "time per question", "zh": "每题用时"},
    "report.topic": {"en": "topic", "zh": "主题"},
    "report.right": {"en": "right", "zh": "答对"},
    "report.seconds": {"en": "seconds", "zh": "秒"},
    "report.hints": {"en": "hints", "zh": "提示"},
    "report.you_said": {"en": "you said: ", "zh": "你的回答："},
    "report.answer": {"en": "answer:   ", "zh": "答案：    "},
    "report.to_go_over": {"en": "to go over", "zh": "需要再看的题"},
    "report.revisit": {"en": "lessons to revisit", "zh": "建议重学的课"},
    "report.again": {"en": "same questions again: ", "zh": "再做一遍同样的题："},
    "report.ended.time-up": {"en": "time ran out; unanswered questions count as missed",
                             "zh": "时间到；未作答的题按答错计"},
    "report.ended.quit": {"en": "stopped early with :quit", "zh": "用 :quit 提前结束"},
    "report.ended.end-of-input": {"en": "input ended early", "zh": "输入提前结束"},
    "report.ended.interrupted": {"en": "interrupted", "zh": "已中断"},
    "answer.empty": {"en": "type an answer, or :hint / :skip / :quit / :help",
                     "zh": "请输入答案，或输入 :hint / :skip / :quit / :help"},
    "quiz.left_out": {"en": "left out {item}: {why}", "zh": "已略过 {item}：{why}"},
    "quiz.stopped": {"en": "quiz stopped: {answered} of {total} answered and saved; the same"
                           " quiz again: {replay}",
                     "zh": "测验已停止：{total} 题中已答 {answered} 题并已保存；再做同一套题："
                           "{replay}"},
    "review.due_one": {"en": "{n} question due for review", "zh": "{n} 道题到期待复习"},
    "review.due": {"en": "{n} questions due for review, oldest first",
                   "zh": "{n} 道题到期待复习，最早到期的先出"},
    "review.stopped": {"en": "review stopped: {n} answered and saved",
                       "zh": "复习已停止：已答 {n} 题并已保存"},
    "review.no_cards": {"en": "No review cards yet: every question you answer in `bntutor quiz`"
                              " or a lesson becomes one.",
                        "zh": "还没有复习卡片：你在 `bntutor quiz` 或课程中答过的每道题"
                              "都会成为一张。"},
    "review.done": {"en": "Review done.", "zh": "复习完成。"},
    "review.nothing_due": {"en": "Nothing is due for review.", "zh": "目前没有到期的复习。"},
    "review.more_due": {"en": "{lead} More cards are due now: run `bntutor review` again.",
                        "zh": "{lead}现在还有到期的卡片：请再运行一次 `bntutor review`。"},
    "review.next_due": {"en": "{lead} Next card due {until} ({when}).",
                        "zh": "{lead}下一张卡片{until}到期（{when}）。"},
    "until.now": {"en": "now", "zh": "现在"},
    "until.min": {"en": "in {n} min", "zh": "{n} 分钟后"},
    "until.h": {"en": "in {n} h", "zh": "{n} 小时后"},
    "until.days": {"en": "in {n} days", "zh": "{n} 天后"},
    # -- live results: the labels a computation writes in English, matched whole by
    # -- translate() (a {field} matches any text and is carried over as it is) ---------
    "live.feature": {"en": "feature {j}", "zh": "特征 {j}"},
    "live.sample": {"en": "sample {j}", "zh": "样本 {j}"},
    "live.channel": {"en": "channel {j}", "zh": "通道 {j}"},
    "live.step": {"en": "step", "zh": "步数"},
    "live.value": {"en": "value", "zh": "值"},
    "live.error": {"en": "error", "zh": "错误"},
    "live.none": {"en": "none", "zh": "无"},
    "live.runs": {"en": "runs", "zh": "正常运行"},
    "live.before": {"en": "before", "zh": "之前"},
    "live.after_batch": {"en": "after batch {i}", "zh": "第 {i} 个批次之后"},
    "live.after_batches": {"en": "after {k} batch(es)", "zh": "{k} 个批次之后"},
    "live.batches_seen": {"en": "batches seen", "zh": "已见批次数"},
    "live.batch_mean": {"en": "batch mean", "zh": "批均值"},
    "live.batch_var_n": {"en": "batch var (÷n)", "zh": "批方差（÷n）"},
    "live.batch_var_n1": {"en": "batch var (÷(n−1))", "zh": "批方差（÷(n−1)）"},
    "live.running_mean": {"en": "running mean", "zh": "滑动均值"},
    "live.running_var": {"en": "running var", "zh": "滑动方差"},
    "live.pooled_mean": {"en": "mean of all values seen", "zh": "所有已见值的均值"},
    "live.running_by_batch": {"en": "running statistics, batch by batch",
                              "zh": "滑动统计量随批次的变化"},
    "live.convention": {"en": "{convention} convention, momentum {momentum}; start: mean 0, var 1",
                        "zh": "{convention} 约定，momentum {momentum}；初值：均值 0，方差 1"},
    "live.cumulative": {"en": "None (cumulative average)", "zh": "None（累积平均）"},
    "live.bias_path": {"en": "the bias b during gradient descent", "zh": "梯度下降过程中的偏置 b"},
    "live.ignores_mean": {"en": "gradient ignores the mean", "zh": "梯度忽略均值"},
    "live.through_mean": {"en": "gradient goes through the batch mean",
                          "zh": "梯度穿过批均值"},
    "live.after_steps": {"en": "after {steps} steps (learning rate {lr})",
                         "zh": "{steps} 步之后（学习率 {lr}）"},
    "live.b_const": {"en": "b, mean treated as a constant", "zh": "b，均值当作常数"},
    "live.loss_const": {"en": "loss before → after, mean treated as a constant",
                        "zh": "损失 前 → 后，均值当作常数"},
    "live.b_through": {"en": "b, gradient through the batch mean", "zh": "b，梯度穿过批均值"},
    "live.loss_through": {"en": "loss before → after, gradient through the batch mean",
                          "zh": "损失 前 → 后，梯度穿过批均值"},
    "live.sample1_out": {"en": "BN output for sample 1 of a new batch",
                         "zh": "新批次中样本 1 的 BN 输出"},
    "live.nograd_row": {"en": "train() inside torch.no_grad()",
                        "zh": "train()，在 torch.no_grad() 中"},
    "live.eval_batch": {"en": "eval(), in the batch", "zh": "eval()，在批次中"},
    "live.eval_alone": {"en": "eval(), sample alone", "zh": "eval()，单独一个样本"},
    "live.moves": {"en": "running_mean[0] and num_batches_tracked after one forward pass",
                   "zh": "一次前向传播后的 running_mean[0] 和 num_batches_tracked"},
    "live.after_call": {"en": "after {call}", "zh": "{call} 之后"},
    "live.one_sample": {"en": "train() with a batch of one sample",
                        "zh": "train()，批次只有一个样本"},
    "live.one_value": {"en": "{layer} on {shape} ({n} value per channel)",
                       "zh": "{layer}，输入 {shape}（每通道 {n} 个值）"},
    "live.values": {"en": "{layer} on {shape} ({n} values per channel)",
                    "zh": "{layer}，输入 {shape}（每通道 {n} 个值）"},
    "live.train_once": {"en": "training mode, one forward pass", "zh": "训练模式，一次前向传播"},
    # -- home screen, lesson table, progress ---------------------------------------------
    "home.welcome": {"en": "bntutor: learn Batch Normalization and regularization by computing"
                           " it.",
                     "zh": "bntutor：边算边学批归一化与正则化。"},
    "home.next": {"en": "next: ", "zh": "下一步："},
    "home.exercises": {"en": "exercises: ", "zh": "练习："},
    "home.review": {"en": "review: ", "zh": "复习："},
    "home.due_one": {"en": "{n} review card is due: bntutor review",
                     "zh": "{n} 张复习卡片到期：bntutor review"},
    "home.due": {"en": "{n} review cards are due: bntutor review",
                 "zh": "{n} 张复习卡片到期：bntutor review"},
    "home.help": {"en": "bntutor --help lists every command",
                  "zh": "bntutor --help 列出所有命令"},
    "home.continue": {"en": "continue lesson {number} at step {k} of {n}: bntutor lesson {number}",
                      "zh": "继续第 {number} 课（第 {k} 步，共 {n} 步）：bntutor lesson {number}"},
    "home.start": {"en": "start lesson {number}: bntutor lesson {number}",
                   "zh": "开始第 {number} 课：bntutor lesson {number}"},
    "home.all_done": {"en": "all lessons done: practise with bntutor quiz, or bntutor review",
                      "zh": "所有课程都已完成：用 bntutor quiz 或 bntutor review 练习"},
    "home.no_lessons": {"en": "no lessons are installed", "zh": "没有安装任何课程"},
    "home.exercises_passed": {"en": "{done} of {total} passed",
                              "zh": "{total} 个中已通过 {done} 个"},
    "home.exercise_next": {"en": "{head}; next: bntutor exercise {name}",
                           "zh": "{head}；下一个：bntutor exercise {name}"},
    "home.exercises_done": {"en": "{head}: all done", "zh": "{head}：全部完成"},
    "table.lesson": {"en": "lesson", "zh": "课程"},
    "table.title": {"en": "title", "zh": "标题"},
    "table.minutes": {"en": "min", "zh": "分钟"},
    "table.progress": {"en": "progress", "zh": "进度"},
    "progress.title": {"en": "Your progress", "zh": "你的学习进度"},
    "progress.finished": {"en": "lessons finished: {done} of {total}",
                          "zh": "已完成课程：{done} / {total}"},
    "progress.no_quizzes": {"en": "no quizzes yet: bntutor quiz",
                            "zh": "还没有做过测验：bntutor quiz"},
    "quizzes.title": {"en": "recent quizzes", "zh": "最近的测验"},
    "quizzes.when": {"en": "when (UTC)", "zh": "时间（UTC）"},
    "quizzes.score": {"en": "score", "zh": "得分"},
    "quizzes.time": {"en": "time", "zh": "用时"},
    "quizzes.topics": {"en": "topics", "zh": "主题"},
    "mastery.title": {"en": "mastery per topic (latest answers)",
                      "zh": "各主题掌握程度（按最近的回答）"},
    "cards.due_now": {"en": "{due} of {cards} review cards due now: ",
                      "zh": "{cards} 张复习卡片中有 {due} 张现在到期："},
    "read.could_not": {"en": "could not read {answer} as {what}: {why}",
                       "zh": "无法把 {answer} 读作{what}：{why}"},
    "read.as.an_option": {"en": "an option", "zh": "一个选项"},
    "read.as.options": {"en": "options", "zh": "选项"},
    "read.as.a_number": {"en": "a number", "zh": "一个数"},
    "read.as.numbers": {"en": "numbers", "zh": "一组数"},
    "read.as.a_formula": {"en": "a formula", "zh": "一个公式"},
    "read.empty": {"en": "could not read the answer: it is empty", "zh": "无法读取答案：答案为空"},
    "read.too_long": {"en": "could not read the answer: it is longer than {limit} characters",
                      "zh": "无法读取答案：超过了 {limit} 个字符"},
    "choice.no_option": {"en": "there is no option {option}; choose {span}",
                         "zh": "没有选项 {option}；请在 {span} 中选择"},
    "choice.letter": {"en": "answer with a letter, {span}", "zh": "请用一个字母作答（{span}）"},
    "choice.letters": {"en": "answer with letters, such as a, c (choose from {span})",
                       "zh": "请用字母作答，例如 a, c（从 {span} 中选择）"},
    # -- errors (after "bntutor: error: ") ------------------------------------------------
    "error.no_lessons": {"en": "unknown lesson {ref}; no lessons are installed",
                         "zh": "没有课程 {ref}：没有安装任何课程"},
    "error.unknown_lesson": {"en": "unknown lesson {ref}; choose one of: {choices}",
                             "zh": "没有课程 {ref}；可选：{choices}"},
    "error.unknown_topic": {"en": "unknown topic {topic}; choose from: {choices}",
                            "zh": "没有主题 {topic}；可选：{choices}"},
    "error.difficulty": {"en": "unknown difficulty {value}; use 1, 2 or 3",
                         "zh": "没有难度 {value}；请用 1、2 或 3"},
    "error.questions": {"en": "cannot ask {n} questions; use 1 to {most}",
                        "zh": "不能出 {n} 道题；请用 1 到 {most}"},
    "error.seed": {"en": "bad seed {seed}; use a whole number >= 0",
                   "zh": "种子 {seed} 不可用；请用大于等于 0 的整数"},
    "error.no_command": {"en": "No such command {name}.", "zh": "没有 {name} 这个命令。"},
    "error.no_option": {"en": "No such option: {name}", "zh": "没有 {name} 这个选项"},
    "error.see_help": {"en": " (see {command} --help)", "zh": "（参见 {command} --help）"},
    "live.batch_of": {"en": "a batch of {n} samples x {c} features ({name} highlighted)",
                      "zh": "一个 {n} 个样本 × {c} 个特征的批次（高亮的是{name}）"},
    "live.stats_over": {"en": "{name}: statistics over the {n} samples of the batch",
                        "zh": "{name}：在批次的 {n} 个样本上统计"},
    "live.mean_mu": {"en": "mean μ", "zh": "均值 μ"},
    "live.biased_used": {"en": "biased variance σ² (÷ n), used to normalize",
                         "zh": "有偏方差 σ²（÷ n），归一化用的就是它"},
    "live.unbiased_unused": {"en": "unbiased variance (÷ (n−1)), not used here",
                             "zh": "无偏方差（÷ (n−1)），这里不用"},
    "live.step_by_step": {"en": "{name}, step by step", "zh": "{name}，逐步计算"},
    # -- settings (bntutor config) ----------------------------------------------------------
    "config.unset": {"en": "(not set)", "zh": "（未设置）"},
    "config.unknown_key": {"en": "no setting {name!r}", "zh": "没有 {name!r} 这个设置项"},
    "config.bad_value": {"en": "{name} cannot be {value!r}: use {allowed}",
                         "zh": "{name} 不能设为 {value!r}，可选：{allowed}"},
    "config.cannot_save": {"en": "cannot save the setting: {reason}",
                           "zh": "无法保存设置：{reason}"},
    "config.saved": {"en": "{name} = {value} (saved; --lang or BNTUTOR_LANG still choose for one"
                           " run)",
                     "zh": "{name} = {value}（已保存；单次运行仍可用 --lang 或 BNTUTOR_LANG"
                           " 另选）"},
    # -- paging ----------------------------------------------------------------------------
    "page.more": {"en": "press Enter for more › ", "zh": "按回车看下一部分 › "},
    "prompt.continue": {"en": "press Enter › ", "zh": "按回车继续 › "},
    # -- what a numeric answer must meet (written from the question's tolerance) --------
    "tolerance.exact": {"en": "exact answer: only the exact value counts",
                        "zh": "要求精确值：只有完全相等才算对"},
    "tolerance.abs": {"en": "accepted within ±{abs} of the answer",
                      "zh": "与答案相差不超过 ±{abs} 即算对"},
    "tolerance.rel": {"en": "accepted within {rel} of the answer",
                      "zh": "与答案的相对误差不超过 {rel} 即算对"},
    "tolerance.both": {"en": "accepted within ±{abs} or {rel} of the answer, whichever is larger",
                       "zh": "与答案相差不超过 ±{abs} 或相对误差不超过 {rel}（取较宽者）即算对"},
    "tolerance.arithmetic": {"en": "arithmetic is fine: 7/3, sqrt(2)/2, 2.5e3",
                             "zh": "可以直接写算式：7/3、sqrt(2)/2、2.5e3"},
    # -- explain questions: the learner marks the rubric --------------------------------
    "explain.model_answer": {"en": "model answer", "zh": "参考答案"},
    "explain.key_points": {"en": "key points", "zh": "要点"},
    "explain.how_to_mark": {
        "en": "Mark each point your answer covered, in order: y or n, e.g. {example}",
        "zh": "按顺序标出你的回答覆盖了哪些要点：覆盖写 y，没有写 n，例如 {example}"},
    "explain.follow_up": {"en": "follow-up", "zh": "追问"},
    "explain.type_answer": {"en": "type your answer in your own words (:skip, :quit)",
                            "zh": "请用自己的话写下回答（:skip 跳过，:quit 退出）"},
    "explain.marks_bad": {"en": "mark each point with y or n, not {token}",
                          "zh": "每个要点请用 y 或 n 标记，不能用 {token}"},
    "explain.marks_count": {"en": "mark all {count} points, one y or n each (got {got})",
                            "zh": "请标记全部 {count} 个要点，每个一个 y 或 n（你给了 {got} 个）"},
    "explain.points": {"en": "{covered} of {total} key points covered",
                       "zh": "覆盖了 {total} 个要点中的 {covered} 个"},
    # -- what a topic's mastery is computed from ---------------------------------------
    "mastery.based_on": {"en": "answers", "zh": "回答数"},
    "mastery.needs": {"en": "{n} of {need}", "zh": "{n} 个，需 {need} 个"},
    "mastery.note": {
        "en": "mastery = right answers among a topic's latest {recent} answers, over at least "
              "{need}: “1 of {need}” means 1 of the {need} answers it needs",
        "zh": "掌握度 = 某主题最近 {recent} 个回答中答对的个数，除以回答数（至少按 {need} "
              "个算）：“1 个，需 {need} 个”表示需要 {need} 个回答，目前只有 1 个"},
}


def message(key: str, lang: str = "en", **values: Any) -> str:
    """The ``lang`` form of message ``key`` (English when there is none), filled in."""
    forms = MESSAGES[key]
    return forms.get(lang, forms["en"]).format(**values)


def translate(text: str, lang: str) -> str:
    """``text``, an English label a live computation wrote, in ``lang``: the ``live.``
    message whose English form it matches whole, its ``{fields}`` carried over; ``text``
    itself when none matches (a number, code, an identifier)."""
    if lang == "en" or not text:
        return text
    for key, pattern in _live_patterns():
        found = pattern.fullmatch(text)
        if found:
            fields = {name: translate(value, lang) for name, value in found.groupdict().items()}
            return message(key, lang, **fields)
    return text


@lru_cache(maxsize=1)
def _live_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns = []
    for key, forms in MESSAGES.items():
        if key.startswith("live."):
            parts = re.split(r"\{(\w+)\}", forms["en"])
            regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                            for i, part in enumerate(parts))
            patterns.append((key, re.compile(regex, re.S)))
    return tuple(patterns)


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message form fills in."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def catalog_problems(messages: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Each message missing a language, or whose en and zh name different placeholders
    (``bntutor validate`` reports them)."""
    problems = []
    for key, forms in (MESSAGES if messages is None else messages).items():
        if not forms.get("en") or not forms.get("zh"):
            problems.append(f"message {key}: needs both en and zh")
        elif placeholders(forms["en"]) != placeholders(forms["zh"]):
            en, zh = sorted(placeholders(forms["en"])), sorted(placeholders(forms["zh"]))
            problems.append(f"message {key}: en and zh name different placeholders:"
                            f" en {en}, zh {zh}")
    return problems
