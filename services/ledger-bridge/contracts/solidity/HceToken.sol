// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";

/// @title HCE Token, the platform's settlement token.
/// @notice Fixed supply minted once to the treasury; there is no mint function, so the supply can only shrink
///         (by burning). Claims are paid in it through ClaimSettlement.
contract HceToken is ERC20, ERC20Burnable {
    /// 182,500,000 whole tokens at 18 decimals (DOMAIN.md, "On chain").
    uint256 public constant FIXED_SUPPLY = 182_500_000 * 10 ** 18;

    constructor(address treasury) ERC20("HCE Token", "HCET") {
        _mint(treasury, FIXED_SUPPLY);
    }
}
