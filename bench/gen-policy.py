#!/usr/bin/env python3
"""Writes a synthetic zh-CN privacy policy of about SIZE bytes (default 2 MB)
to OUT, deterministic for a seed. Usage: gen-policy.py OUT [SIZE] [SEED]"""
import random
import sys

WORDS = ("我们 您的 个人信息 收集 使用 共享 存储 保护 账号 设备 位置 服务 功能 "
         "第三方 合作伙伴 同意 授权 撤回 删除 更正 查阅 安全 措施 加密 期限 法律 法规 "
         "要求 目的 范围 必要 最小 原则 通知 弹窗 版本 更新 联系 投诉 部门 处理 "
         "传输 境外 评估 风险 儿童 监护人 Cookie SDK 推送 支付 地图 统计 分析").split()
PUNCT = ["，", "，", "、", "；"]
TITLES = ["我们如何收集和使用您的个人信息", "Cookie 与本地存储", "我们如何共享您的个人信息",
          "我们如何保存您的个人信息", "您的权利", "如何联系我们", "个人信息的跨境传输", "关于我们",
          "未成年人保护", "本政策如何更新"]
NUMS = "一二三四五六七八九十"


def sentence(rng):
    parts = []
    for _ in range(rng.randint(2, 4)):
        parts.append("".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))))
    out = ""
    for i, p in enumerate(parts):
        out += p + (rng.choice(PUNCT) if i < len(parts) - 1 else "。")
    return out


def main():
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    chunks = ["---\npolicy: bench\nlocale: zh-CN\ntitle: 基准测试隐私政策\nversion: \"1.0\"\n"
              "released: 2024-01-01\neffective: 2024-01-15\n---\n# 基准测试隐私政策\n\n"]
    total, n = 0, 0
    while total < size:
        n += 1
        title = TITLES[n % len(TITLES)]
        text = f"## {NUMS[n % 10]}、{title}（第{n}部分） {{#part-{n}}}\n\n"
        for k in range(rng.randint(2, 5)):
            text += "".join(sentence(rng) for _ in range(rng.randint(2, 6))) + "\n\n"
        if n % 3 == 0:
            text += f"### SDK {n}\n- 用途：{sentence(rng)}\n- 机构名称：某某科技有限公司{n}\n\n"
        chunks.append(text)
        total += len(text.encode())
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(chunks))


main()
